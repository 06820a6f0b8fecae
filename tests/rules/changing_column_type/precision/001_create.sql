CREATE TABLE runs (id integer, started_at timestamp(3), ended_at timestamptz(3), at_time time(0), note timestamp);
