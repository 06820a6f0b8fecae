-- miglint-ignore-file: ban-duplicate-migration-version -- renumbered in production by hand
-- +goose Up
CREATE TABLE c (id int);
