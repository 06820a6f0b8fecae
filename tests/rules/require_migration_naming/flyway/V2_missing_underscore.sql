CREATE TABLE b (id int); -- error: [require-migration-naming]
