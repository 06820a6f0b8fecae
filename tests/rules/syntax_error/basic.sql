ALTER TABLE users ADD COLUMN email text;
SELECT 'é' FROM WHERE; -- error: [syntax-error]
ALTER TABLE users ADD COLUMN name text;
CREATE TABEL broken (id int); -- error: [syntax-error]
