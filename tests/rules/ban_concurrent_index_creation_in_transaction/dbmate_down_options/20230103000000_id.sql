-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY users_id_idx ON users (id);
-- The up's option does not carry over to the down.
-- migrate:down
DROP INDEX CONCURRENTLY users_id_idx; -- error: [ban-concurrent-index-creation-in-transaction]
