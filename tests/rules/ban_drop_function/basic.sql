DROP FUNCTION normalize_email(text); -- warning: [ban-drop-function]

-- Near miss: dropping something else.
DROP INDEX CONCURRENTLY users_email_idx;

-- miglint-ignore: ban-drop-function -- unused since release 42
DROP FUNCTION normalize_email_old(text);
