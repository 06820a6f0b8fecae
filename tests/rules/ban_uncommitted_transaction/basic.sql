BEGIN;
CREATE TABLE notes (id bigint);
COMMIT;

-- Near miss above: a committed block. Then one that never ends:
START TRANSACTION; -- error: [ban-uncommitted-transaction]
CREATE TABLE tags (id bigint);
