-- +goose Up
ALTER TABLE users ADD COLUMN nickname text;
CREATE INDEX users_email_idx ON users (email);
-- +goose Down
-- Near miss: an index holds no data of its own.
DROP INDEX users_email_idx;
ALTER TABLE users DROP COLUMN nickname; -- note: [down-drops-data]
