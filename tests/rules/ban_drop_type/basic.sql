DROP TYPE mood; -- warning: [ban-drop-type]

-- Near miss: dropping something else.
DROP INDEX CONCURRENTLY users_email_idx;

-- miglint-ignore: ban-drop-type -- unused since release 42
DROP TYPE mood_old;
