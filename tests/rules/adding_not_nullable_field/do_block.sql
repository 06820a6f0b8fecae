-- The SQL a DO block runs is linted like top-level SQL: static statements and constant EXECUTEs.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attname = 'email' AND attnotnull) THEN
    ALTER TABLE users ALTER COLUMN email SET NOT NULL; -- error: [adding-not-nullable-field]
  END IF;
  EXECUTE 'ALTER TABLE accounts ALTER COLUMN owner SET NOT NULL'; -- error: [adding-not-nullable-field]
  -- Near miss: SQL built at run time cannot be known.
  EXECUTE format('ALTER TABLE %I ALTER COLUMN owner SET NOT NULL', 'teams');
  -- miglint-ignore: adding-not-nullable-field -- orders has a validated CHECK on the replica
  ALTER TABLE orders ALTER COLUMN total SET NOT NULL;
EXCEPTION WHEN undefined_column THEN
  -- Near miss: a handler runs only after the block failed.
  ALTER TABLE invoices ALTER COLUMN total SET NOT NULL;
END $$;
