-- +goose Up
CREATE TABLE users (id bigint PRIMARY KEY, email text);
CREATE INDEX users_email_idx ON users (email);
-- +goose Down
-- Near miss: dropping the table takes its index and columns with it.
DROP TABLE users;
