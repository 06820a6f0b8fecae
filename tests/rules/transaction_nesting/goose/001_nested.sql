-- +goose Up
BEGIN; -- error: [transaction-nesting]
ALTER TABLE users ADD COLUMN email text;
COMMIT; -- error: [transaction-nesting]
