-- miglint-test: select=prefer-identity
CREATE TABLE users (id bigserial PRIMARY KEY); -- note: [prefer-identity]

-- Near misses:
CREATE TABLE logs (id bigint GENERATED ALWAYS AS IDENTITY);

-- miglint-ignore: prefer-identity -- a lookup table that stays small
CREATE TABLE legacy_users (id bigserial PRIMARY KEY);
