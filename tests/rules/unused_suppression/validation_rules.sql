-- miglint-test: select=ban-drop-column,unused-suppression,migration-failed,down-not-reverting
-- Suppressions of rules that `miglint validate` reports are for validate: lint never sees their
-- findings, so it does not call them unused.
-- miglint-ignore: migration-failed -- the extension is installed by the platform team
CREATE EXTENSION IF NOT EXISTS postgis;

-- A lint rule in the same comment is still checked.
-- miglint-ignore: down-not-reverting, ban-drop-column -- warning: [unused-suppression]
ALTER TABLE users ADD COLUMN a text;
