-- A table created earlier in the same migration has no rows yet.
CREATE TABLE accounts (id bigint PRIMARY KEY);
ALTER TABLE accounts ADD COLUMN owner_id bigint NOT NULL;
ALTER TABLE "Accounts" ADD COLUMN owner_id bigint NOT NULL; -- error: [adding-required-field]
