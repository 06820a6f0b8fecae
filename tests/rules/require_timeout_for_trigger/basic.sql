CREATE TRIGGER users_audit AFTER UPDATE ON users FOR EACH ROW EXECUTE FUNCTION audit(); -- warning: [require-timeout-for-trigger]
DROP TRIGGER orders_touch ON orders; -- warning: [require-timeout-for-trigger]
-- Near miss: once per table, one lock_timeout covers both.
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE accounts DISABLE TRIGGER accounts_sync; -- warning: [require-timeout-for-trigger]

-- Near misses: a table created in this migration, and a trigger change after a lock_timeout.
CREATE TABLE drafts (id bigint);
CREATE TRIGGER drafts_touch BEFORE UPDATE ON drafts FOR EACH ROW EXECUTE FUNCTION touch();
SET lock_timeout = '2s';
CREATE TRIGGER invoices_audit AFTER INSERT ON invoices FOR EACH ROW EXECUTE FUNCTION audit();
RESET lock_timeout;

-- miglint-ignore: require-timeout-for-trigger -- the deploy role has lock_timeout = 2s
CREATE TRIGGER teams_audit AFTER UPDATE ON teams FOR EACH ROW EXECUTE FUNCTION audit();
