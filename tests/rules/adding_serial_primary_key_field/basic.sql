ALTER TABLE events ADD PRIMARY KEY (id); -- error: [adding-serial-primary-key-field]
ALTER TABLE logs ADD COLUMN id bigserial PRIMARY KEY; -- error: [adding-serial-primary-key-field]

-- Near misses: USING INDEX, a new table.
ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey;
CREATE TABLE drafts (id int);
ALTER TABLE drafts ADD PRIMARY KEY (id);

-- miglint-ignore: adding-serial-primary-key-field -- empty table, filled by the next release
ALTER TABLE staging_rows ADD PRIMARY KEY (id);
