DROP INDEX users_email_idx; -- error: [require-concurrent-index-deletion]

-- Near misses: CONCURRENTLY, and an index created with its table in this migration.
DROP INDEX CONCURRENTLY users_name_idx;
CREATE TABLE drafts (id int, title text);
CREATE INDEX drafts_title_idx ON drafts (title);
DROP INDEX drafts_title_idx;

-- miglint-ignore: require-concurrent-index-deletion -- the table has ten rows
DROP INDEX countries_code_idx;
