-- +goose NO TRANSACTION
-- +goose Up
-- Near miss: without a transaction the ALTER commits before the DO block starts its own.
ALTER TABLE users ADD COLUMN slug text;
-- +goose StatementBegin
DO $$
BEGIN
  UPDATE users SET slug = lower(handle);
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
-- A DO block is one transaction: the backfill in it runs under the lock its ALTER took.
DO $$
BEGIN
  ALTER TABLE users ADD COLUMN slug_upper text;
  UPDATE users SET slug_upper = upper(slug); -- warning: [ban-statement-after-access-exclusive]
END $$;
-- +goose StatementEnd
