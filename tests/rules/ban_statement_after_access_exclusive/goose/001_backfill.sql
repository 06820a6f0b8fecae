-- +goose Up
ALTER TABLE users ADD COLUMN email_lower text;
UPDATE users SET email_lower = lower(email); -- warning: [ban-statement-after-access-exclusive]
