-- timestamp -> timestamptz rewrites unless the session's time zone is UTC (PostgreSQL 12+).
ALTER TABLE events ALTER COLUMN created_at TYPE timestamptz; -- error: [changing-column-type]
SET timezone = 'UTC';
ALTER TABLE events ALTER COLUMN updated_at TYPE timestamptz;
RESET timezone;
ALTER TABLE events ALTER COLUMN deleted_at TYPE timestamptz; -- error: [changing-column-type]
SET TIME ZONE 'Europe/Paris';
ALTER TABLE events ALTER COLUMN seen_at TYPE timestamptz; -- error: [changing-column-type]
SELECT set_config('timezone', 'UTC', false);
ALTER TABLE events ALTER COLUMN read_at TYPE timestamptz;
-- miglint-ignore: changing-column-type -- small table
ALTER TABLE events ALTER COLUMN id TYPE bigint;
