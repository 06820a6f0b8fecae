-- miglint-test: select=require-lock-timeout
SET lock_timeout = 0;
ALTER TABLE users ADD COLUMN a text; -- warning: [require-lock-timeout]
