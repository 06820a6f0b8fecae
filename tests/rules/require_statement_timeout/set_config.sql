-- miglint-test: select=require-statement-timeout
SELECT set_config('statement_timeout', '3s', false);
ALTER TABLE users ADD COLUMN b text;
RESET ALL;
-- miglint-ignore: require-statement-timeout -- the deploy sets it on the connection
ALTER TABLE orders ADD COLUMN c text;
