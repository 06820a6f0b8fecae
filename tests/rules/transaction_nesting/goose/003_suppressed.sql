-- +goose Up
-- miglint-ignore: transaction-nesting -- a savepoint-style retry block kept on purpose
BEGIN;
