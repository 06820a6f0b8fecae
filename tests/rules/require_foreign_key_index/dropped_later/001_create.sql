CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id), coupon_id bigint REFERENCES coupons (id));
