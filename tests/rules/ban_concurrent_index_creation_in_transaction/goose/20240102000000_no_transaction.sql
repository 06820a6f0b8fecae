-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
-- +goose Down
DROP INDEX CONCURRENTLY orders_status_idx;
