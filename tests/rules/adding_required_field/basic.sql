-- `users` is not created by this history, so it already holds rows.
ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL; -- error: [adding-required-field]

-- Near misses: nullable, constant default, serial, identity, generated.
ALTER TABLE users ADD COLUMN nickname text;
ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE users ADD COLUMN seq bigserial NOT NULL;
ALTER TABLE users ADD COLUMN ident bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE users ADD COLUMN doubled bigint NOT NULL GENERATED ALWAYS AS (seq * 2) STORED;

-- Several commands: the finding starts at the offending column definition.
ALTER TABLE users
  ADD COLUMN a text,
  ADD COLUMN b text NOT NULL, -- error: [adding-required-field]
  ADD COLUMN c text PRIMARY KEY; -- error: [adding-required-field]

-- Suppressed.
-- miglint-ignore: adding-required-field -- users is emptied by the previous release
ALTER TABLE users ADD COLUMN d int NOT NULL;
