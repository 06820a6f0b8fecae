-- miglint-ignore: ban-uncommitted-transaction -- the runner commits after the last file
BEGIN;
CREATE TABLE tags (id bigint);
