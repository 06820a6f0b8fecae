-- The safe way to make a column NOT NULL on PostgreSQL 12+: prove it with a validated CHECK first.
ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;

-- No such proof for this one.
ALTER TABLE users ALTER COLUMN display_name SET NOT NULL;

-- The display name moved to profiles in release 12 and nothing reads it any more.
-- miglint-ignore: ban-drop-column -- unused since release 12
ALTER TABLE users DROP COLUMN display_name;
