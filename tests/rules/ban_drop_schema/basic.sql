DROP SCHEMA reporting CASCADE; -- warning: [ban-drop-schema]
DROP SCHEMA IF EXISTS staging; -- warning: [ban-drop-schema]

-- Near miss: creating a schema.
CREATE SCHEMA archive;

-- miglint-ignore: ban-drop-schema -- emptied in migration 41
DROP SCHEMA legacy;
