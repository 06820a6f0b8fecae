-- miglint-test: select=require-lock-timeout
-- REINDEX without CONCURRENTLY takes SHARE on the table: writes wait.
REINDEX TABLE users; -- warning: [require-lock-timeout]
