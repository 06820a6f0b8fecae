-- miglint-test: select=require-lock-timeout
-- DROP TRIGGER takes ACCESS EXCLUSIVE on its table.
DROP TRIGGER orders_touch ON orders; -- warning: [require-lock-timeout]
