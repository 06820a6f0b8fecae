ALTER TABLE orders ALTER COLUMN state DROP DEFAULT; -- warning: [ban-drop-default]
-- Near miss: `note` has no default, so there is nothing to drop.
ALTER TABLE orders ALTER COLUMN note DROP DEFAULT;
