DROP TABLE legacy_sessions; -- warning: [ban-drop-table]
DROP TABLE IF EXISTS billing.old_invoices, audit_log; -- warning: [ban-drop-table] warning: [ban-drop-table]

-- Near misses: a table created in this migration, and other objects.
CREATE TABLE scratch (id int);
DROP TABLE scratch;
DROP VIEW report;
DROP INDEX users_email_idx;

-- miglint-ignore: ban-drop-table -- unused since release 42
DROP TABLE legacy_tokens;
