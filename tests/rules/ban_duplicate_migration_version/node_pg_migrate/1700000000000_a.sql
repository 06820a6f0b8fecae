-- Up Migration
-- node-pg-migrate records migrations by file name and runs both of these, in name order.
CREATE TABLE a (id int);
-- Down Migration
DROP TABLE a;
