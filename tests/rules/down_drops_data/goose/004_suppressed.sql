-- +goose Up
CREATE TABLE import_runs (id bigint);
-- +goose Down
-- miglint-ignore: down-drops-data -- import_runs is a scratch table
DROP TABLE import_runs;
