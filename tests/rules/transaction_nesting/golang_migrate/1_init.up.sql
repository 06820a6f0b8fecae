-- Near miss: golang-migrate sends the file as one query; its explicit block takes over.
BEGIN;
CREATE TABLE users (id bigint);
CREATE INDEX users_id_idx ON users (id);
COMMIT;
