-- miglint-test: pg-version=10
-- Before PostgreSQL 11 even a constant default rewrites the table.
ALTER TABLE users ADD COLUMN active boolean DEFAULT true; -- error: [adding-field-with-default]
ALTER TABLE users ADD COLUMN note text DEFAULT NULL;
