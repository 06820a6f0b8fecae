CREATE TABLE users (id bigint PRIMARY KEY, email text);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));
CREATE UNIQUE INDEX users_email_key ON users (email);
ALTER TABLE users RENAME TO accounts;

-- The table was renamed, so it is gone under its old name.
DROP TABLE users; -- error: [ban-failing-drop]
-- The index behind the primary key belongs to its constraint (it kept the old table's name).
DROP INDEX users_pkey; -- error: [ban-failing-drop]
-- A unique index is not a constraint.
ALTER TABLE accounts DROP CONSTRAINT users_email_key; -- error: [ban-failing-drop]
-- orders still references accounts.
DROP TABLE accounts; -- error: [ban-failing-drop]

-- Near misses: IF EXISTS, CASCADE, a plain index, the real constraint, dropping both tables.
DROP TABLE IF EXISTS users;
DROP INDEX users_email_key;
ALTER TABLE accounts DROP CONSTRAINT users_pkey;
DROP TABLE orders, accounts;
DROP TABLE IF EXISTS orders CASCADE;

-- miglint-ignore: ban-failing-drop -- created by the platform team outside the migrations
DROP TABLE users;
