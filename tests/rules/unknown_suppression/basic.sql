-- miglint-ignore: ban-drop-colum -- warning: [unknown-suppression]
ALTER TABLE users ADD COLUMN a text;
-- miglint-ignore-file: not-a-rule -- warning: [unknown-suppression]

-- Known ids are fine.
-- miglint-ignore: ban-drop-column
ALTER TABLE users DROP COLUMN b;
