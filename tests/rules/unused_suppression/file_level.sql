-- miglint-test: select=ban-drop-column,unused-suppression
-- miglint-ignore-file: ban-drop-column -- warning: [unused-suppression]
ALTER TABLE users ADD COLUMN a text;
