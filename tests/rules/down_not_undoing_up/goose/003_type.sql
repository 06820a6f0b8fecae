-- +goose Up
ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);
ALTER TABLE orders ALTER COLUMN user_id SET NOT NULL;
-- +goose Down
ALTER TABLE orders ALTER COLUMN user_id DROP NOT NULL; -- warning: [down-not-undoing-up]
