-- +goose Up
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total numeric(10,2));
CREATE INDEX orders_user_idx ON orders (user_id);
-- +goose Down
DROP INDEX orders_user_id_idx; -- warning: [down-not-undoing-up]
