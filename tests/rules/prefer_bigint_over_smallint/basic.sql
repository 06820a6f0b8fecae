-- miglint-test: select=prefer-bigint-over-smallint
CREATE TABLE tags (id smallserial PRIMARY KEY); -- note: [prefer-bigint-over-smallint]

-- Near misses:
CREATE TABLE logs (id bigint, size integer);

-- miglint-ignore: prefer-bigint-over-smallint -- a lookup table that stays small
CREATE TABLE legacy_tags (id smallserial PRIMARY KEY);
