-- diesel runs down.sql in its transaction too: CONCURRENTLY fails there.
DROP INDEX CONCURRENTLY users_email_idx; -- error: [ban-concurrent-index-creation-in-transaction]
