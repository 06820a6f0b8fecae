-- miglint-test: select=ban-char-field
CREATE TABLE countries (code char(2)); -- note: [ban-char-field]

-- Near misses:
CREATE TABLE logs (code text);

-- miglint-ignore: ban-char-field -- a lookup table that stays small
CREATE TABLE legacy_countries (code char(2));
