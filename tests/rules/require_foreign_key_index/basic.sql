CREATE TABLE orders (
  id bigint PRIMARY KEY,
  customer_id bigint REFERENCES customers (id), -- warning: [require-foreign-key-index]
  shop_id bigint REFERENCES shops (id),
  region_id bigint,
  zone_id bigint,
  agent_id bigint,
  CONSTRAINT orders_area_fk FOREIGN KEY (region_id, zone_id) REFERENCES areas (region_id, zone_id),
  CONSTRAINT orders_agent_fk FOREIGN KEY (agent_id) REFERENCES agents (id) -- warning: [require-foreign-key-index]
);
-- Covered: shop_id by its own index, (region_id, zone_id) by leading columns in another order.
CREATE INDEX orders_shop_idx ON orders (shop_id);
CREATE INDEX orders_area_idx ON orders (zone_id, region_id, id);
-- A partial index does not cover every row.
CREATE INDEX orders_agent_partial_idx ON orders (agent_id) WHERE agent_id IS NOT NULL;

-- A foreign key to a column that is also the primary key is covered by the primary key.
CREATE TABLE profiles (user_id bigint PRIMARY KEY REFERENCES users (id));

-- Existing table: the constraint is new, the index is not there.
ALTER TABLE payments ADD CONSTRAINT payments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID; -- warning: [require-foreign-key-index]

CREATE TABLE notes (
  id bigint PRIMARY KEY,
  -- miglint-ignore: require-foreign-key-index -- notes are never deleted
  author_id bigint REFERENCES users (id)
);
