-- miglint-test: select=require-lock-timeout
-- Near misses: these take SHARE UPDATE EXCLUSIVE or weaker, which lets reads and writes through.
ALTER TABLE users SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01);
ALTER TABLE users ALTER COLUMN email SET STATISTICS 500;
ALTER TABLE users VALIDATE CONSTRAINT users_email_check;
ALTER TABLE users CLUSTER ON users_pkey;
LOCK TABLE users IN ROW EXCLUSIVE MODE;
ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
-- Disabling a trigger takes SHARE ROW EXCLUSIVE: writes wait.
ALTER TABLE users DISABLE TRIGGER ALL; -- warning: [require-lock-timeout]
