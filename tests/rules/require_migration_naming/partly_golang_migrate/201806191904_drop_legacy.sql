ALTER TABLE users DROP COLUMN legacy; -- warning: [ban-drop-column]
