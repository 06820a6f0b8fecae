-- miglint-test: pg-version=11
BEGIN;
ALTER TYPE status ADD VALUE 'archived'; -- error: [ban-add-enum-value-in-transaction]
COMMIT;
-- Near misses: outside a block, and renaming a value.
ALTER TYPE status ADD VALUE 'deleted';
BEGIN;
ALTER TYPE status RENAME VALUE 'gone' TO 'removed';
-- miglint-ignore: ban-add-enum-value-in-transaction -- the target is really PostgreSQL 13
ALTER TYPE status ADD VALUE 'hidden';
COMMIT;
