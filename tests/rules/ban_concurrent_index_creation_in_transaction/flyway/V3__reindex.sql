-- Flyway does not recognise REINDEX ... CONCURRENTLY as non-transactional: it runs this in a transaction.
REINDEX INDEX CONCURRENTLY orders_customer_idx; -- error: [ban-concurrent-index-creation-in-transaction]
