-- accounts was created by an earlier migration: it is live data now.
ALTER TABLE accounts ADD COLUMN owner_id bigint NOT NULL; -- error: [adding-required-field]
