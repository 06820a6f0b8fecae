-- The finding itself can be silenced for a whole file.
-- miglint-ignore-file: unknown-suppression
-- miglint-ignore: also-unknown
ALTER TABLE users ADD COLUMN c text;
