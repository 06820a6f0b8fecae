-- miglint-test: select=require-lock-timeout
-- Replacing a view an earlier migration created takes ACCESS EXCLUSIVE on it: readers queue.
CREATE OR REPLACE VIEW active_users AS SELECT * FROM users WHERE deleted_at IS NULL; -- warning: [require-lock-timeout]
