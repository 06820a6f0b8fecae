-- miglint-test: select=require-lock-timeout
SELECT set_config('lock_timeout', '3s', false);
ALTER TABLE users ADD COLUMN b text;
RESET ALL;
-- miglint-ignore: require-lock-timeout -- the deploy sets it on the connection
ALTER TABLE orders ADD COLUMN c text;
