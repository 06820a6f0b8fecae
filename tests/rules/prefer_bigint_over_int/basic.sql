-- miglint-test: select=prefer-bigint-over-int
CREATE TABLE events (id serial PRIMARY KEY, hits integer); -- note: [prefer-bigint-over-int] note: [prefer-bigint-over-int]

-- Near misses:
CREATE TABLE logs (id bigint, size smallint);

-- miglint-ignore: prefer-bigint-over-int -- a lookup table that stays small
CREATE TABLE legacy_events (id serial PRIMARY KEY, hits integer);
