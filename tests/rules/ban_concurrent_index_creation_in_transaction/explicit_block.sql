-- The runner is unknown, but the file opens its own transaction block.
BEGIN;
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id); -- error: [ban-concurrent-index-creation-in-transaction]
COMMIT;
-- After the COMMIT it runs on its own.
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
DROP INDEX CONCURRENTLY orders_old_idx;

BEGIN;
-- miglint-ignore: ban-concurrent-index-creation-in-transaction -- the deploy script runs this file statement by statement
REINDEX INDEX CONCURRENTLY orders_status_idx;
COMMIT;
