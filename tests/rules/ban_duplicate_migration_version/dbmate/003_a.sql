-- migrate:up
-- dbmate keeps versions as strings: 003 and 3 are two versions, and both run.
CREATE TABLE a (id int);
-- migrate:down
DROP TABLE a;
