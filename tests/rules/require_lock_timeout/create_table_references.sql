-- miglint-test: select=require-lock-timeout
-- A new table's foreign key takes SHARE ROW EXCLUSIVE on the existing table it references
-- (measured on PostgreSQL 15): writes to `users` queue behind it while it waits.
CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id)); -- warning: [require-lock-timeout]
