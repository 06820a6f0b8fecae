-- miglint-test: select=require-lock-timeout
-- Near misses: every table and view here is created by this migration, so no other session
-- can be using it: foreign keys between new tables, a self-reference, a partition of a new
-- parent, a view replaced and dropped in the migration that created it.
CREATE TABLE accounts (id bigint PRIMARY KEY);
CREATE TABLE members (id bigint PRIMARY KEY, account_id bigint REFERENCES accounts (id), parent_id bigint REFERENCES members (id));
ALTER TABLE members ADD CONSTRAINT members_account_fkey FOREIGN KEY (account_id) REFERENCES accounts (id);
CREATE TABLE measurements (taken_at date) PARTITION BY RANGE (taken_at);
CREATE TABLE measurements_2026 PARTITION OF measurements FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE VIEW member_counts AS SELECT account_id, count(*) FROM members GROUP BY account_id;
CREATE OR REPLACE VIEW member_counts AS SELECT account_id, count(*) AS n FROM members GROUP BY account_id;
DROP VIEW member_counts;
