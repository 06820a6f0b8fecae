CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));
CREATE TABLE lines (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id)); -- warning: [require-foreign-key-index]
