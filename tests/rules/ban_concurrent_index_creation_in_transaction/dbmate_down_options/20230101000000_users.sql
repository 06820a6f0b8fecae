-- migrate:up
CREATE TABLE users (id bigint, email text);
-- migrate:down
DROP TABLE users;
