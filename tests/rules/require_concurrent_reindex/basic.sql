REINDEX INDEX users_email_idx; -- warning: [require-concurrent-reindex]
REINDEX TABLE users; -- warning: [require-concurrent-reindex]

-- Near misses: CONCURRENTLY, REINDEX SYSTEM, a table created in this migration.
REINDEX INDEX CONCURRENTLY users_name_idx;
REINDEX (CONCURRENTLY) TABLE orders;
REINDEX SYSTEM app;
CREATE TABLE drafts (id int);
REINDEX TABLE drafts;

-- miglint-ignore: require-concurrent-reindex -- maintenance window
REINDEX TABLE countries;
