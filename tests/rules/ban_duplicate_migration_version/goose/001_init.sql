-- +goose Up -- error: [ban-duplicate-migration-version]
CREATE TABLE a (id int);
