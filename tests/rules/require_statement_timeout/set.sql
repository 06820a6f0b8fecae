-- miglint-test: select=require-statement-timeout
-- Near misses: set before the first lock; new tables and CONCURRENTLY need no lock on live tables.
CREATE TABLE drafts (id int);
ALTER TABLE drafts ADD COLUMN body text;
CREATE INDEX CONCURRENTLY users_name_idx ON users (name);
SET statement_timeout = '30s';
ALTER TABLE users ADD COLUMN email text;
