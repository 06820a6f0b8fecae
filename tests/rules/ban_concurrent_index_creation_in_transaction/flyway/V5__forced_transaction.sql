-- executeInTransaction=true in V5__forced_transaction.sql.conf: Flyway runs even this in a transaction.
CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total); -- error: [ban-concurrent-index-creation-in-transaction]
