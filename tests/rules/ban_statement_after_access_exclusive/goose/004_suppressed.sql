-- +goose Up
ALTER TABLE countries ADD COLUMN code_upper text;
-- miglint-ignore: ban-statement-after-access-exclusive -- 200 rows
UPDATE countries SET code_upper = upper(code);
