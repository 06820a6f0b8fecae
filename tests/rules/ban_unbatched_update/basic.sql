UPDATE users SET email_lower = lower(email); -- warning: [ban-unbatched-update]
DELETE FROM sessions; -- warning: [ban-unbatched-update]

-- Near misses: a WHERE clause, a table created in this migration.
UPDATE users SET email_lower = lower(email) WHERE id < 1000;
CREATE TABLE drafts (id int, done boolean);
UPDATE drafts SET done = false;

-- miglint-ignore: ban-unbatched-update -- 12 rows
UPDATE countries SET name = initcap(name);
