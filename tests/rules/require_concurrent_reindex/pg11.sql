-- miglint-test: pg-version=11
-- PostgreSQL 11 has no REINDEX CONCURRENTLY: nothing to recommend.
REINDEX INDEX users_email_idx;
