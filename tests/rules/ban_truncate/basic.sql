TRUNCATE events; -- warning: [ban-truncate]

-- Near misses: a table created in this migration; CASCADE has its own rule.
CREATE TABLE scratch (id int);
TRUNCATE scratch;

-- miglint-ignore: ban-truncate -- a cache table, rebuilt on start
TRUNCATE cached_reports;
