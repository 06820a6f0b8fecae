-- miglint-test: select=prefer-timestamp-tz
-- A type chosen by ALTER COLUMN ... TYPE is a choice too.
CREATE TABLE runs (id bigint, transitioned_at timestamptz);
ALTER TABLE runs ALTER COLUMN transitioned_at TYPE timestamp without time zone; -- note: [prefer-timestamp-tz]

-- Near misses: to timestamptz, and other columns of the same statement.
ALTER TABLE runs ALTER COLUMN transitioned_at TYPE timestamptz, ALTER COLUMN id SET NOT NULL;
