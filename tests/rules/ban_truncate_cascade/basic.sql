TRUNCATE users CASCADE; -- error: [ban-truncate-cascade]

-- Near miss: an explicit list.
CREATE TABLE scratch (id int);
TRUNCATE scratch;

-- miglint-ignore: ban-truncate-cascade -- staging seed reset, never runs in production
TRUNCATE seeds CASCADE;
