-- Metadata-only changes: not flagged.
ALTER TABLE items ALTER COLUMN code TYPE varchar(100);
ALTER TABLE items ALTER COLUMN label TYPE text;
ALTER TABLE items ALTER COLUMN body TYPE varchar;
ALTER TABLE items ALTER COLUMN price TYPE numeric(12, 2);
ALTER TABLE items ALTER COLUMN net TYPE inet;
ALTER TABLE items ALTER COLUMN tags TYPE varchar(40)[];

-- Rewrites.
ALTER TABLE items ALTER COLUMN id TYPE bigint; -- error: [changing-column-type]
ALTER TABLE items ALTER COLUMN code TYPE varchar(10); -- error: [changing-column-type]
ALTER TABLE items ALTER COLUMN price TYPE numeric(12, 4); -- error: [changing-column-type]
ALTER TABLE items ALTER COLUMN seen_at TYPE timestamptz; -- error: [changing-column-type]
ALTER TABLE items ALTER COLUMN label TYPE text USING upper(label); -- error: [changing-column-type]
ALTER TABLE items ALTER COLUMN body TYPE integer USING body::integer; -- error: [changing-column-type]
-- The history does not show this column: assume the worst.
ALTER TABLE items ALTER COLUMN mystery TYPE text; -- error: [changing-column-type]

-- miglint-ignore: changing-column-type -- items has 12 rows
ALTER TABLE items ALTER COLUMN id TYPE integer;
