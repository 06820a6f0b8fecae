-- Tabs and wide characters stay aligned under the carets.
ALTER TABLE users
	ADD COLUMN nom_complet text NOT NULL, -- « name »
	DROP COLUMN legacy;
CREATE INDEX users_nom_idx
  ON users (nom_complet);
SELECT * FORM users;
