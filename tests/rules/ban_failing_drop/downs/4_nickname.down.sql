-- Near miss: the down drops what its up created.
ALTER TABLE users DROP COLUMN nickname;
