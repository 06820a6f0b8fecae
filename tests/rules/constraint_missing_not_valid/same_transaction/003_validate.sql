-- +goose Up
-- Near miss: the VALIDATE is in a migration of its own.
ALTER TABLE orders VALIDATE CONSTRAINT orders_qty_positive;
