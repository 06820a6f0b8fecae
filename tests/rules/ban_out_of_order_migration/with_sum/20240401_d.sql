-- +goose Up
CREATE TABLE d (id int);
