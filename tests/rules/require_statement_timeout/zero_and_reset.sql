-- miglint-test: select=require-statement-timeout
SET statement_timeout = 0;
ALTER TABLE users ADD COLUMN a text; -- warning: [require-statement-timeout]
