-- The only statement of its file: inserting CONCURRENTLY is safe.
CREATE INDEX orders_customer_idx ON orders USING btree (customer_id); -- error: [require-concurrent-index-creation]
