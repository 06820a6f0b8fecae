CREATE TYPE status AS ENUM ('active', 'gone');
ALTER TABLE users ADD COLUMN status status;
