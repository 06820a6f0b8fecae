-- miglint-test: select=ban-drop-column,unused-suppression
-- Used: it suppresses the finding below.
-- miglint-ignore: ban-drop-column -- done in release 41
ALTER TABLE users DROP COLUMN a;

-- Nothing to suppress on this statement.
-- miglint-ignore: ban-drop-column -- warning: [unused-suppression]
ALTER TABLE users ADD COLUMN b text;

-- A blank line detaches a suppression from the statement below it.
-- miglint-ignore: ban-drop-column -- warning: [unused-suppression]

ALTER TABLE users DROP COLUMN c; -- warning: [ban-drop-column]

-- A comment after a statement does not suppress the next one.
ALTER TABLE users ADD COLUMN d text; -- miglint-ignore: ban-drop-column -- warning: [unused-suppression]
ALTER TABLE users DROP COLUMN e; -- warning: [ban-drop-column]

-- Ids of rules that are off in this run are not reported.
-- miglint-ignore: adding-required-field
ALTER TABLE users ADD COLUMN f text;
