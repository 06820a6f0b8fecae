-- miglint-test: select=require-statement-timeout pg-version=17
-- From PostgreSQL 17 a transaction_timeout ends the statement's transaction, and its lock, too.
SET transaction_timeout = '1min';
ALTER TABLE users ADD COLUMN a text;
