-- Widening a varchar is a metadata-only change: not flagged.
ALTER TABLE users ALTER COLUMN display_name TYPE varchar(200);

-- But this one rewrites the whole table under an ACCESS EXCLUSIVE lock.
ALTER TABLE orders ALTER COLUMN total_cents TYPE bigint;

-- Fails as soon as users has a row.
ALTER TABLE users ADD COLUMN locale text NOT NULL;

-- Blocks every write to orders while the index builds.
CREATE INDEX orders_status_idx ON orders (status);
