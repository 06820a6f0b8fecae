-- A file kept for a newer server whose syntax PostgreSQL 15's grammar does not know.
-- miglint-ignore-file: syntax-error -- uses PostgreSQL 17 syntax
CREATE TABLE t (id int) WITH SOMETHING NEW;
