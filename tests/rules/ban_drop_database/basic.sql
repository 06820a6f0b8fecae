DROP DATABASE analytics; -- error: [ban-drop-database]

-- Near miss: a schema or table is not a database.
DROP TABLE analytics_events;

-- miglint-ignore: ban-drop-database -- this is the test-fixture teardown, never run in production
DROP DATABASE IF EXISTS scratch;
