-- Its script configuration file (V4__reindex_outside.sql.conf) says executeInTransaction=false.
REINDEX INDEX CONCURRENTLY orders_customer_idx;
