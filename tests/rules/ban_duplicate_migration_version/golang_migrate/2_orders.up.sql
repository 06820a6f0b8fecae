CREATE TABLE b (id int); -- error: [ban-duplicate-migration-version]
