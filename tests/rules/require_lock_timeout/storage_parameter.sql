-- miglint-test: select=require-lock-timeout
-- A storage parameter outside the vacuum and fillfactor family takes ACCESS EXCLUSIVE.
ALTER TABLE users SET (toast_tuple_target = 256, user_catalog_table = true); -- warning: [require-lock-timeout]
