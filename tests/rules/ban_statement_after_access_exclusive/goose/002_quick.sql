-- +goose Up
-- Near misses: quick statements after the lock, and a new table's index.
ALTER TABLE users ADD COLUMN nickname text;
COMMENT ON COLUMN users.nickname IS 'shown in the header';
CREATE TABLE drafts (id int);
CREATE INDEX drafts_id_idx ON drafts (id);
