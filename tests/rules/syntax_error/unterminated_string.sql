ALTER TABLE users ADD COLUMN email text;
INSERT INTO users (email) VALUES ('never closed); -- error: [syntax-error]
ALTER TABLE users ADD COLUMN name text;
