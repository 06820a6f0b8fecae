-- miglint-test: select=prefer-text-field
CREATE TABLE users (email varchar(255)); -- note: [prefer-text-field]

-- Near misses:
CREATE TABLE logs (body text, kind varchar);

-- miglint-ignore: prefer-text-field -- a lookup table that stays small
CREATE TABLE legacy_users (email varchar(255));
