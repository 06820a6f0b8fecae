-- +goose Up
-- Near miss: the exact inverse, renames included.
ALTER TABLE orders RENAME COLUMN total TO amount;
ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;
-- +goose Down
ALTER TABLE orders DROP CONSTRAINT orders_amount_positive;
ALTER TABLE orders RENAME COLUMN amount TO total;
