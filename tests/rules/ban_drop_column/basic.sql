ALTER TABLE users DROP COLUMN legacy_email; -- warning: [ban-drop-column]
ALTER TABLE IF EXISTS public.users DROP COLUMN IF EXISTS legacy_name; -- warning: [ban-drop-column]

-- Near misses: other commands, and a table created in this migration.
ALTER TABLE users ADD COLUMN email text;
CREATE TABLE scratch (id int, tmp text);
ALTER TABLE scratch DROP COLUMN tmp;

ALTER TABLE users
  ADD COLUMN x int,
  DROP COLUMN y; -- warning: [ban-drop-column]

-- miglint-ignore: ban-drop-column -- ignored by the app since release 41
ALTER TABLE users DROP COLUMN legacy_phone;
