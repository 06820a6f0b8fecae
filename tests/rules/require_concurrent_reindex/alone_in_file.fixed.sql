REINDEX TABLE CONCURRENTLY users; -- warning: [require-concurrent-reindex]
