CREATE INDEX index_subscription_line_items_on_subscription_id_and_created_at_and_state ON subscription_line_items (subscription_id, created_at, state); -- warning: [identifier-too-long]
ALTER TABLE users ADD COLUMN preferred_notification_channel_for_weekly_summary_emails_and_alerts text; -- warning: [identifier-too-long]

-- Near miss: exactly 63 bytes.
CREATE INDEX abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123 ON users (id);

-- miglint-ignore: identifier-too-long -- the truncated name is what everything uses
CREATE INDEX index_subscription_line_items_on_subscription_id_and_created_at_and_plan ON subscription_line_items (plan);
