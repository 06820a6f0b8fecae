-- A typo: no migration creates this index.
DROP INDEX users_status_index; -- error: [ban-failing-drop]
