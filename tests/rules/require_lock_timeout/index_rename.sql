-- miglint-test: select=require-lock-timeout
-- Near misses: since PostgreSQL 12 renaming an index takes SHARE UPDATE EXCLUSIVE; CONCURRENTLY.
ALTER INDEX users_email_idx RENAME TO users_email_index;
REINDEX TABLE CONCURRENTLY users;
REINDEX INDEX CONCURRENTLY users_pkey;
