CREATE TYPE "SurveyStatus" AS ENUM ('open', 'closed');
CREATE TABLE "Survey" (id bigint PRIMARY KEY, status "SurveyStatus");
