-- miglint-test: pg-version=11 select=require-lock-timeout
-- Before PostgreSQL 12, renaming an index took ACCESS EXCLUSIVE.
ALTER INDEX users_email_idx RENAME TO users_email_index; -- warning: [require-lock-timeout]
