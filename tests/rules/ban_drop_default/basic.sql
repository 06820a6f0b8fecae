ALTER TABLE users ALTER COLUMN status DROP DEFAULT; -- warning: [ban-drop-default]

-- Near misses: setting a default, and a column created in this migration.
ALTER TABLE users ALTER COLUMN status SET DEFAULT 'active';
CREATE TABLE drafts (id bigint, state text DEFAULT 'new');
ALTER TABLE drafts ALTER COLUMN state DROP DEFAULT;

-- miglint-ignore: ban-drop-default -- every writer sets plan since release 41
ALTER TABLE accounts ALTER COLUMN plan DROP DEFAULT;
