-- miglint-test: select=require-lock-timeout
-- CREATE TABLE ... PARTITION OF takes ACCESS EXCLUSIVE on the existing parent.
CREATE TABLE events_2027 PARTITION OF events FOR VALUES FROM ('2027-01-01') TO ('2028-01-01'); -- warning: [require-lock-timeout]
