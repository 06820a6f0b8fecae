CREATE TABLE events (id integer, created_at timestamp, updated_at timestamp, deleted_at timestamp, seen_at timestamp, read_at timestamp);
