-- +goose Up
-- Near miss: the down drops a column that existed before the up (another rule's business).
ALTER TABLE users RENAME COLUMN email TO email_address;
-- +goose Down
ALTER TABLE users RENAME COLUMN email_address TO email;
ALTER TABLE users DROP COLUMN email;
