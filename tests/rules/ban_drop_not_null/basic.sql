ALTER TABLE orders ALTER COLUMN customer_id DROP NOT NULL; -- warning: [ban-drop-not-null]

-- Near misses: SET NOT NULL and a new table.
CREATE TABLE drafts (id int NOT NULL);
ALTER TABLE drafts ALTER COLUMN id DROP NOT NULL;

-- miglint-ignore: ban-drop-not-null -- every reader handles NULL since release 40
ALTER TABLE orders ALTER COLUMN note DROP NOT NULL;
