-- Near miss: from PostgreSQL 12 it may run in a transaction.
BEGIN;
ALTER TYPE status ADD VALUE 'archived';
COMMIT;
