DROP VIEW active_users; -- warning: [ban-drop-view]

-- Near miss: dropping something else.
DROP INDEX CONCURRENTLY users_email_idx;

-- miglint-ignore: ban-drop-view -- unused since release 42
DROP VIEW active_users_old;
