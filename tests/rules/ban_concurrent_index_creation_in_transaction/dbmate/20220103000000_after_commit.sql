-- dbmate sends the section as one query: after the file's COMMIT, PostgreSQL runs the rest of it
-- in an implicit transaction, where CONCURRENTLY fails (seen with dbmate 2.36).
-- migrate:up
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
COMMIT;
CREATE INDEX CONCURRENTLY orders_shipped_at_idx ON orders (shipped_at); -- error: [ban-concurrent-index-creation-in-transaction]
-- migrate:down
DROP INDEX orders_shipped_at_idx;
ALTER TABLE orders DROP COLUMN shipped_at;
