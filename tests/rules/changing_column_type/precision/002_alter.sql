-- More fractional-second digits keep every value: no rewrite (timestamp_support, time_support).
ALTER TABLE runs ALTER COLUMN started_at TYPE timestamp;
ALTER TABLE runs ALTER COLUMN ended_at TYPE timestamptz(6);
ALTER TABLE runs ALTER COLUMN at_time TYPE time(3);
-- Fewer digits round every value: a rewrite.
ALTER TABLE runs ALTER COLUMN note TYPE timestamp(0); -- error: [changing-column-type]
