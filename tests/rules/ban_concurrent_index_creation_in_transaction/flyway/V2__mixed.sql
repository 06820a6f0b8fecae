ALTER TABLE orders ADD COLUMN note text;
CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note); -- error: [ban-concurrent-index-creation-in-transaction]
