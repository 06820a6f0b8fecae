-- +goose NO TRANSACTION
-- +goose Up
-- Near miss: no transaction, so the lock is gone after the ALTER.
ALTER TABLE users ADD COLUMN handle text;
UPDATE users SET handle = lower(email);
