-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
-- dbmate reads the down's options from its own marker: this one runs outside a transaction.
-- migrate:down transaction:false
DROP INDEX CONCURRENTLY users_email_idx;
