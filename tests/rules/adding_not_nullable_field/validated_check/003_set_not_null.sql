-- PostgreSQL 12+ skips the scan thanks to the validated check from 001/002.
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
-- No check proves this one.
ALTER TABLE users ALTER COLUMN phone SET NOT NULL; -- error: [adding-not-nullable-field]
