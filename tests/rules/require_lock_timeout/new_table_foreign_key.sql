-- miglint-test: select=require-lock-timeout
-- The same through ALTER TABLE on a table this migration created (Prisma writes keys this way).
CREATE TABLE "Session" ("id" TEXT NOT NULL, "userId" TEXT NOT NULL);
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id"); -- warning: [require-lock-timeout]
