BEGIN;
LOCK TABLE users IN SHARE MODE; -- warning: [require-timeout-for-lock-table]
COMMIT;
BEGIN;
-- Near miss: once per migration, one lock_timeout covers them all.
LOCK TABLE orders;
COMMIT;

-- Near misses: NOWAIT, a mode weaker than SHARE, a lock_timeout, a table created here.
BEGIN;
LOCK TABLE users IN ACCESS EXCLUSIVE MODE NOWAIT;
LOCK TABLE users IN ROW EXCLUSIVE MODE;
SET LOCAL lock_timeout = '2s';
LOCK TABLE accounts IN EXCLUSIVE MODE;
COMMIT;
CREATE TABLE drafts (id bigint);
LOCK TABLE drafts;

-- miglint-ignore: require-timeout-for-lock-table -- run in the maintenance window
LOCK TABLE teams;
