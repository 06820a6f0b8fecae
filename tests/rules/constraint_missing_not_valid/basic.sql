ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0); -- error: [constraint-missing-not-valid]

-- Near misses: NOT VALID, a table created in this migration, a separate VALIDATE.
ALTER TABLE orders ADD CONSTRAINT orders_qty_positive CHECK (qty > 0) NOT VALID;
CREATE TABLE drafts (id int);
ALTER TABLE drafts ADD CONSTRAINT drafts_id_positive CHECK (id > 0);

-- miglint-ignore: constraint-missing-not-valid -- the table holds 40 rows
ALTER TABLE countries ADD CONSTRAINT countries_code_upper CHECK (code = upper(code));
