-- Custom SQL migration file, put your code below! --
UPDATE "posts" SET "published" = true WHERE "title" <> '';
