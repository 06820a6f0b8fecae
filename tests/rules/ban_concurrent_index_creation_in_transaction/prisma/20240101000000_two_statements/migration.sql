ALTER TABLE "Order" ADD COLUMN "note" TEXT;
CREATE INDEX CONCURRENTLY "Order_note_idx" ON "Order"("note"); -- error: [ban-concurrent-index-creation-in-transaction]
