-- +goose NO TRANSACTION
-- +goose Up
-- Near miss: goose runs this file without a transaction, so the script owns its block.
BEGIN;
ALTER TABLE users ADD COLUMN name text;
COMMIT;
