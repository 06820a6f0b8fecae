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
