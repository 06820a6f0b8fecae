-- migrate:up
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id); -- error: [ban-concurrent-index-creation-in-transaction]
-- migrate:down
