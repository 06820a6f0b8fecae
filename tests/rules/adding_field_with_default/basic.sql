ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid(); -- error: [adding-field-with-default]
ALTER TABLE users ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp(); -- error: [adding-field-with-default]
ALTER TABLE users ADD COLUMN score int DEFAULT (random() * 100)::int; -- error: [adding-field-with-default]
ALTER TABLE users ADD COLUMN number bigserial; -- error: [adding-field-with-default]
ALTER TABLE users ADD COLUMN rank int GENERATED ALWAYS AS IDENTITY; -- error: [adding-field-with-default]
ALTER TABLE users ADD COLUMN total numeric GENERATED ALWAYS AS (price * qty) STORED; -- error: [adding-field-with-default]

-- Near misses: constants, now() and CURRENT_TIMESTAMP are non-volatile (metadata only since 11).
ALTER TABLE users ADD COLUMN active boolean DEFAULT true;
ALTER TABLE users ADD COLUMN created_at timestamptz DEFAULT now();
ALTER TABLE users ADD COLUMN updated_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE users ADD COLUMN note text DEFAULT NULL;
CREATE TABLE drafts (id int);
ALTER TABLE drafts ADD COLUMN token uuid DEFAULT gen_random_uuid();

-- miglint-ignore: adding-field-with-default -- a 30-row table
ALTER TABLE countries ADD COLUMN uid uuid DEFAULT gen_random_uuid();
