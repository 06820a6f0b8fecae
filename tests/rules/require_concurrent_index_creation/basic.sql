CREATE INDEX orders_customer_idx ON orders (customer_id); -- error: [require-concurrent-index-creation]
CREATE UNIQUE INDEX orders_number_key -- error: [require-concurrent-index-creation]
  ON orders (number);

-- Near misses: CONCURRENTLY, and a table created in this migration.
CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at);
CREATE TABLE audit (id bigint, at timestamptz);
CREATE INDEX audit_at_idx ON audit (at);

-- miglint-ignore: require-concurrent-index-creation -- orders is tiny
CREATE INDEX orders_status_idx ON orders (status);
