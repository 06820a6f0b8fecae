CREATE TABLE users (id bigint PRIMARY KEY, email text); -- error: [ban-edited-migration] error: [ban-edited-migration]
