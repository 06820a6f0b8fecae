-- miglint-test: select=ban-drop-column,unused-suppression
-- miglint-ignore-file: unused-suppression -- kept for the next release
-- miglint-ignore: ban-drop-column
ALTER TABLE users ADD COLUMN a text;
