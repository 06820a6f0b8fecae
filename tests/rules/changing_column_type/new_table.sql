CREATE TABLE fresh (id integer);
ALTER TABLE fresh ALTER COLUMN id TYPE bigint;
ALTER TABLE other ALTER id TYPE bigint; -- error: [changing-column-type]
