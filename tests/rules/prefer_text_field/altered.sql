-- miglint-test: select=prefer-text-field
-- A length limit set by ALTER COLUMN ... TYPE is a choice too.
CREATE TABLE namespaces (name text);
ALTER TABLE namespaces ALTER COLUMN name TYPE varchar(255); -- note: [prefer-text-field]

-- Near misses: no limit, or text.
ALTER TABLE namespaces ALTER COLUMN name TYPE varchar;
ALTER TABLE namespaces ALTER COLUMN name TYPE text;
