CREATE INDEX CONCURRENTLY "Order_status_idx" ON "Order"("status");
