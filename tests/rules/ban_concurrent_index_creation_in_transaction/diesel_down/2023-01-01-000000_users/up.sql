CREATE TABLE users (id bigint, email text);
