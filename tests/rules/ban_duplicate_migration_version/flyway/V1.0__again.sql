-- Flyway drops trailing zero parts of a version: 1.0 is 1, the same as V1__init.sql. -- error: [ban-duplicate-migration-version]
CREATE TABLE b (id int);
