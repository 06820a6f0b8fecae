-- Up Migration
CREATE TABLE b (id int);
-- Down Migration
DROP TABLE b;
