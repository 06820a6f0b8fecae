-- migrate:up -- error: [ban-duplicate-migration-version]
CREATE TABLE c (id int);
-- migrate:down
DROP TABLE c;
