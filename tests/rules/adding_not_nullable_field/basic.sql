ALTER TABLE users ALTER COLUMN email SET NOT NULL; -- error: [adding-not-nullable-field]

-- Near misses: DROP NOT NULL, and a table created in this migration.
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
CREATE TABLE invites (email text);
ALTER TABLE invites ALTER COLUMN email SET NOT NULL;

-- miglint-ignore: adding-not-nullable-field -- maintenance window
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
