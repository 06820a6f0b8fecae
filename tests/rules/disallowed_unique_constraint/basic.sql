ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email); -- error: [disallowed-unique-constraint]
ALTER TABLE users ADD UNIQUE (handle); -- error: [disallowed-unique-constraint]

-- Near misses: USING INDEX, a new table.
ALTER TABLE users ADD CONSTRAINT users_name_key UNIQUE USING INDEX users_name_key;
CREATE TABLE drafts (id int);
ALTER TABLE drafts ADD CONSTRAINT drafts_id_key UNIQUE (id);

-- miglint-ignore: disallowed-unique-constraint -- 12 rows
ALTER TABLE countries ADD CONSTRAINT countries_code_key UNIQUE (code);
