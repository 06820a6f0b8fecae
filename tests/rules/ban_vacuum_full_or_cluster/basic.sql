VACUUM FULL events; -- warning: [ban-vacuum-full-or-cluster]
VACUUM (FULL, ANALYZE) orders; -- warning: [ban-vacuum-full-or-cluster]
CLUSTER events USING events_created_idx; -- warning: [ban-vacuum-full-or-cluster]

-- Near misses: plain VACUUM and ANALYZE.
VACUUM ANALYZE events;
VACUUM (FULL false) orders;
ANALYZE events;

-- miglint-ignore: ban-vacuum-full-or-cluster -- a 20-row lookup table
VACUUM FULL countries;
