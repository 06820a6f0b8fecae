-- A table created in this migration holds rows once it is filled: validating a foreign key
-- from it scans those rows while writes to the existing parent table are blocked.
CREATE TABLE order_archive AS SELECT * FROM orders;
ALTER TABLE order_archive ADD CONSTRAINT order_archive_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id); -- error: [adding-foreign-key-constraint]
CREATE TABLE imported (id bigint, user_id bigint);
INSERT INTO imported SELECT id, user_id FROM staging;
ALTER TABLE imported ADD CONSTRAINT imported_user_fk FOREIGN KEY (user_id) REFERENCES users (id); -- error: [adding-foreign-key-constraint]

-- Near misses: an empty new table, a few seed rows, a new parent that nobody else writes to.
CREATE TABLE tags (id bigint, owner_id bigint);
ALTER TABLE tags ADD CONSTRAINT tags_owner_fk FOREIGN KEY (owner_id) REFERENCES users (id);
CREATE TABLE seeded (id bigint, user_id bigint);
INSERT INTO seeded VALUES (1, 1), (2, 2);
ALTER TABLE seeded ADD CONSTRAINT seeded_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
CREATE TABLE parents (id bigint PRIMARY KEY);
CREATE TABLE children AS SELECT 1::bigint AS parent_id;
ALTER TABLE children ADD CONSTRAINT children_parent_fk FOREIGN KEY (parent_id) REFERENCES parents (id);

CREATE TABLE copied (id bigint, user_id bigint);
COPY copied FROM '/tmp/copied.csv';
-- miglint-ignore: adding-foreign-key-constraint -- the copy is 50 rows
ALTER TABLE copied ADD CONSTRAINT copied_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
