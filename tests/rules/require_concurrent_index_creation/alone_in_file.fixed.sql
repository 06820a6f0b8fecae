-- The only statement of its file: inserting CONCURRENTLY is safe.
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders USING btree (customer_id); -- error: [require-concurrent-index-creation]
