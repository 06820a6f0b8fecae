DROP TABLE b; -- error: [require-migration-naming]
