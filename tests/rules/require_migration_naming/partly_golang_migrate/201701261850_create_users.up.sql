-- miglint-test: select=require-migration-naming,ban-drop-column
-- Only this file is named like golang-migrate's: the folder is not golang-migrate, so the
-- other files are not naming errors, and their hazards are checked.
CREATE TABLE users (id bigint, legacy text);
