-- miglint-test: select=require-lock-timeout
ALTER TABLE users ADD COLUMN email text; -- warning: [require-lock-timeout]
-- Once per migration: the next one is not reported again.
CREATE INDEX users_email_idx ON users (email);
