-- Besides CONCURRENTLY and VACUUM, PostgreSQL refuses these inside a transaction block.
CREATE TABLE measurements (taken date NOT NULL, value int) PARTITION BY RANGE (taken);
CREATE TABLE measurements_2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE measurements_2026 PARTITION OF measurements FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
BEGIN;
ALTER TABLE measurements DETACH PARTITION measurements_2025 CONCURRENTLY; -- error: [ban-concurrent-index-creation-in-transaction]
DISCARD ALL; -- error: [ban-concurrent-index-creation-in-transaction]
-- Only DISCARD ALL: the other forms run anywhere.
DISCARD PLANS;
-- A plain DETACH runs in a transaction (and takes ACCESS EXCLUSIVE on the parent).
ALTER TABLE measurements DETACH PARTITION measurements_2026;
COMMIT;
-- After the COMMIT, on their own.
ALTER TABLE measurements ATTACH PARTITION measurements_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
ALTER TABLE measurements DETACH PARTITION measurements_2026 CONCURRENTLY;
DISCARD ALL;
-- Logical replication: what reaches the publisher (creating or dropping the slot, refreshing
-- the table list) cannot run in a block; the same commands told not to can. The publisher is
-- a port nothing listens on: the fixture trace test runs these, and fails them at once.
BEGIN;
CREATE SUBSCRIPTION orders_feed CONNECTION 'host=127.0.0.1 port=1 dbname=shop' PUBLICATION orders; -- error: [ban-concurrent-index-creation-in-transaction]
CREATE SUBSCRIPTION orders_copy CONNECTION 'host=127.0.0.1 port=1 dbname=shop' PUBLICATION orders WITH (create_slot); -- error: [ban-concurrent-index-creation-in-transaction]
CREATE SUBSCRIPTION orders_later CONNECTION 'host=127.0.0.1 port=1 dbname=shop' PUBLICATION orders WITH (connect = false);
CREATE SUBSCRIPTION orders_own_slot CONNECTION 'host=127.0.0.1 port=1 dbname=shop' PUBLICATION orders WITH (create_slot = FALSE, slot_name = 'orders_own_slot');
ALTER SUBSCRIPTION orders_later SET PUBLICATION orders, refunds WITH (refresh = off);
ALTER SUBSCRIPTION orders_later ADD PUBLICATION invoices; -- error: [ban-concurrent-index-creation-in-transaction]
ALTER SUBSCRIPTION orders_later REFRESH PUBLICATION; -- error: [ban-concurrent-index-creation-in-transaction]
ALTER SUBSCRIPTION orders_later DISABLE;
DROP SUBSCRIPTION orders_later; -- error: [ban-concurrent-index-creation-in-transaction]
COMMIT;
