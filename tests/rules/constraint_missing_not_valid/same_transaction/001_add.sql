-- miglint-test: select=constraint-missing-not-valid
-- +goose Up
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;
-- goose wraps this file in one transaction: the ADD's lock is still held.
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive; -- error: [constraint-missing-not-valid]
