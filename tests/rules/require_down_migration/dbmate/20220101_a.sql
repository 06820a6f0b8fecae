-- migrate:up
CREATE TABLE a (id int);
-- migrate:down -- warning: [require-down-migration]
