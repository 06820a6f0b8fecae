-- miglint-test: select=prefer-timestamp-tz
CREATE TABLE events (happened_at timestamp); -- note: [prefer-timestamp-tz]

-- Near misses:
CREATE TABLE logs (at timestamptz);

-- miglint-ignore: prefer-timestamp-tz -- a lookup table that stays small
CREATE TABLE legacy_events (happened_at timestamp);
