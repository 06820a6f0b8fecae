REINDEX TABLE users; -- warning: [require-concurrent-reindex]
