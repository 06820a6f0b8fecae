ALTER TABLE events SET UNLOGGED; -- warning: [ban-table-rewrite]
ALTER TABLE events SET TABLESPACE fast_ssd; -- warning: [ban-table-rewrite]

-- Near misses: a new table; storage parameters do not rewrite.
CREATE TABLE scratch (id int);
ALTER TABLE scratch SET UNLOGGED;
ALTER TABLE events SET (fillfactor = 90);

-- miglint-ignore: ban-table-rewrite -- maintenance window on 2024-05-01
ALTER TABLE audit_log SET LOGGED;
