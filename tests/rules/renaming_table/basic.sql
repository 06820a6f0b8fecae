ALTER TABLE users RENAME TO accounts; -- warning: [renaming-table]

-- Near misses: a new table, renaming a constraint or an index.
CREATE TABLE drafts (id int);
ALTER TABLE drafts RENAME TO notes;
ALTER TABLE accounts RENAME CONSTRAINT users_pkey TO accounts_pkey;
ALTER INDEX users_email_idx RENAME TO accounts_email_idx;

-- miglint-ignore: renaming-table -- a view keeps the old name
ALTER TABLE orders RENAME TO purchases;
