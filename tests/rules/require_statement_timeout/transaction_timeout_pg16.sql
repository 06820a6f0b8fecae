-- miglint-test: select=require-statement-timeout pg-version=16
-- PostgreSQL 16 has no transaction_timeout: the SET is an unknown setting and protects nothing.
SET transaction_timeout = '1min';
ALTER TABLE users ADD COLUMN a text; -- warning: [require-statement-timeout]
