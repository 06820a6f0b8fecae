-- The first release: users and their teams.
CREATE TABLE teams (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id bigint NOT NULL REFERENCES teams (id),
  email varchar(120) NOT NULL,
  display_name varchar(80),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Indexes on a table created in the same migration need no CONCURRENTLY: it is still empty.
CREATE INDEX users_team_id_idx ON users (team_id);
CREATE UNIQUE INDEX users_email_key ON users (email);
