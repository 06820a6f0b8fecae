-- Both foreign keys are gone by the end of the history: nothing to report.
ALTER TABLE orders DROP COLUMN customer_id;
ALTER TABLE orders DROP CONSTRAINT orders_coupon_id_fkey;
