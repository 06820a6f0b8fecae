-- +goose Up
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id); -- error: [ban-concurrent-index-creation-in-transaction]
-- +goose Down
DROP INDEX orders_customer_idx;
