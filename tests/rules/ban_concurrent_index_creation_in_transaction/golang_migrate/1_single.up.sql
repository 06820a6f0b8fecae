-- A single statement is not wrapped in a transaction.
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);
