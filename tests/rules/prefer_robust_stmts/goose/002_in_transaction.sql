-- +goose Up
-- Near miss: in goose's transaction a failure undoes everything.
CREATE TABLE drafts (id int);
CREATE INDEX drafts_id_idx ON drafts (id);
