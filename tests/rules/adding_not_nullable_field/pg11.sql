-- miglint-test: pg-version=11
-- Before PostgreSQL 12 a validated check does not help.
ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL);
ALTER TABLE users ALTER COLUMN email SET NOT NULL; -- error: [adding-not-nullable-field]
