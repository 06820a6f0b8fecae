-- miglint-ignore-file: require-migration-naming -- a helper script, run by hand
SELECT 1;
