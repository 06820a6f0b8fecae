-- goose sends each statement on its own: once the file's COMMIT has ended goose's transaction,
-- the rest runs in autocommit (transaction-nesting reports the COMMIT itself).
-- +goose Up
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
COMMIT;
CREATE INDEX CONCURRENTLY orders_shipped_at_idx ON orders (shipped_at);
-- +goose Down
DROP INDEX orders_shipped_at_idx;
ALTER TABLE orders DROP COLUMN shipped_at;
