-- Prisma's enum change: a new type, the column moved to it, then the renames. The catalog follows
-- the renames, and `public.x` is `x`.
CREATE TYPE "SurveyStatus_new" AS ENUM ('open');
ALTER TABLE "Survey" ALTER COLUMN status TYPE "SurveyStatus_new" USING (status::text::"SurveyStatus_new"); -- error: [changing-column-type]
ALTER TYPE "SurveyStatus" RENAME TO "SurveyStatus_old";
ALTER TYPE "SurveyStatus_new" RENAME TO "SurveyStatus";
DROP TYPE "SurveyStatus_old";
-- Near miss: the column already has this type, under its qualified name.
ALTER TABLE "Survey" ALTER COLUMN status TYPE "public"."SurveyStatus";
