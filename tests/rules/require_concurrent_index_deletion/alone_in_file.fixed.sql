DROP INDEX CONCURRENTLY users_email_idx; -- error: [require-concurrent-index-deletion]
