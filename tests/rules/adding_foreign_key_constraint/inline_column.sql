-- A new column without a default holds only NULLs, which a foreign key does not check.
ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons (id);
-- With a default every row gets a value to check.
ALTER TABLE orders ADD COLUMN region_id bigint DEFAULT 1 REFERENCES regions (id); -- error: [adding-foreign-key-constraint]
-- miglint-ignore: adding-foreign-key-constraint -- regions has one row
ALTER TABLE orders ADD COLUMN zone_id bigint DEFAULT 1 REFERENCES zones (id);
