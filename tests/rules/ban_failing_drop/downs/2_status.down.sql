-- The column that uses the type is still there when the type goes.
DROP TYPE status; -- error: [ban-failing-drop]
ALTER TABLE users DROP COLUMN status;
