CREATE FUNCTION ok() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;
CREATE FUNCTION broken() RETURNS int AS $body$ SELECT 1 -- error: [syntax-error]
LANGUAGE sql;
