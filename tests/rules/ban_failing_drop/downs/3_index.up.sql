CREATE INDEX users_status_idx ON users (status);
