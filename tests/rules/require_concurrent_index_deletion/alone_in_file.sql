DROP INDEX users_email_idx; -- error: [require-concurrent-index-deletion]
