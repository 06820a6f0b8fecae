ALTER TABLE users RENAME COLUMN name TO full_name; -- warning: [renaming-column]
ALTER TABLE users RENAME email TO email_address; -- warning: [renaming-column]

-- Near misses: a table created in this migration, renaming a constraint or the table.
CREATE TABLE drafts (id int, body text);
ALTER TABLE drafts RENAME COLUMN body TO content;
ALTER TABLE users RENAME CONSTRAINT users_email_key TO users_email_unique;

-- miglint-ignore: renaming-column -- no code reads this column yet
ALTER TABLE users RENAME COLUMN nick TO nickname;
