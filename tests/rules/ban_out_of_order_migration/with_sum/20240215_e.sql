-- miglint-ignore-file: ban-out-of-order-migration -- hotfix applied by hand everywhere
-- +goose Up
CREATE TABLE e (id int);
