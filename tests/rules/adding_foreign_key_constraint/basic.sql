ALTER TABLE orders ADD CONSTRAINT orders_customer_fk -- error: [adding-foreign-key-constraint]
  FOREIGN KEY (customer_id) REFERENCES customers (id);
ALTER TABLE orders ADD FOREIGN KEY (shop_id) REFERENCES shops; -- error: [adding-foreign-key-constraint]
ALTER TABLE orders ADD COLUMN coupon_id bigint DEFAULT 0 REFERENCES coupons (id); -- error: [adding-foreign-key-constraint]

-- Near misses: NOT VALID, VALIDATE, other constraints, and a new table.
ALTER TABLE orders ADD CONSTRAINT orders_region_fk FOREIGN KEY (region_id) REFERENCES regions (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_region_fk;
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT VALID;
CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint);
ALTER TABLE refunds ADD CONSTRAINT refunds_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);

-- miglint-ignore: adding-foreign-key-constraint -- orders is empty in every environment
ALTER TABLE orders ADD CONSTRAINT orders_agent_fk FOREIGN KEY (agent_id) REFERENCES agents (id);
