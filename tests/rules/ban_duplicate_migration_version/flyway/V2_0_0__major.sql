-- Version 2.0.0 is 2, as V2__two.sql. -- error: [ban-duplicate-migration-version]
CREATE TABLE f (id int);
