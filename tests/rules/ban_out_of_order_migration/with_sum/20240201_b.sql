-- +goose Up -- error: [ban-out-of-order-migration]
CREATE TABLE b (id int);
