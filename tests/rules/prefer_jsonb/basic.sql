-- miglint-test: select=prefer-jsonb
CREATE TABLE events (payload json); -- note: [prefer-jsonb]

-- Near misses:
CREATE TABLE logs (payload jsonb);

-- miglint-ignore: prefer-jsonb -- a lookup table that stays small
CREATE TABLE legacy_events (payload json);
