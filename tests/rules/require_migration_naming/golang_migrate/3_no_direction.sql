SELECT 1; -- error: [require-migration-naming]
