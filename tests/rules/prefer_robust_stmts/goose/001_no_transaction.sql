-- miglint-test: select=prefer-robust-stmts
-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY users_email_idx ON users (email); -- note: [prefer-robust-stmts]
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_name_idx ON users (name);
ALTER TABLE users ADD COLUMN IF NOT EXISTS bio text;
-- miglint-ignore: prefer-robust-stmts -- created by this migration only
DROP INDEX CONCURRENTLY users_old_idx;
