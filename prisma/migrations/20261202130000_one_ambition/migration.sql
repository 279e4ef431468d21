-- Issue 12: one ambition model (README "Ambitie en voortgang"). The ambition is the employer's
-- long-term target with a history of its values; a report gives only the placements new in its
-- quarter. Until now every report (and every kept version of it) carried its own ambition, and
-- the employer profile a third. Nothing is lost:
--   * each version's ambition becomes a REPORT change, dated and attributed as the version was,
--     whenever it differs from the employer's previous value (a repeated value is no change);
--   * the profile's value stays the current one; when it differs from the last reported value
--     (or nothing was reported), it becomes a MIGRATED change, dated after the last report
--     (or at the employer's creation);
--   * an employer joined when it was created or, if earlier, when its first reported quarter opened.
-- Every report version stays; only the ambition column moves out of them.

-- CreateEnum
CREATE TYPE "AmbitionSource" AS ENUM ('PROFILE', 'REPORT', 'MIGRATED');

-- AlterTable
ALTER TABLE "Employer" ADD COLUMN     "ambitionTargetDate" DATE,
ADD COLUMN     "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "EmployerAmbitionChange" (
    "id" TEXT NOT NULL,
    "employerId" TEXT NOT NULL,
    "ambition" INTEGER NOT NULL,
    "targetDate" DATE,
    "source" "AmbitionSource" NOT NULL,
    "changedById" TEXT,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmployerAmbitionChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EmployerAmbitionChange_employerId_changedAt_idx" ON "EmployerAmbitionChange"("employerId", "changedAt");

-- AddForeignKey
ALTER TABLE "EmployerAmbitionChange" ADD CONSTRAINT "EmployerAmbitionChange_employerId_fkey" FOREIGN KEY ("employerId") REFERENCES "Employer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Data: the ambitions the report versions gave, in the order they were given.
INSERT INTO "EmployerAmbitionChange" ("id", "employerId", "ambition", "source", "changedById", "changedAt")
SELECT gen_random_uuid()::text, given."employerId", given."ambition", 'REPORT', given."submittedById", given."submittedAt"
FROM (
  SELECT r."employerId", v."ambition", v."submittedById", v."submittedAt",
         LAG(v."ambition") OVER (PARTITION BY r."employerId" ORDER BY v."submittedAt", v."version", v."id") AS "previous"
  FROM "PlacementReportRevision" v
  JOIN "PlacementReport" r ON r."id" = v."reportId"
) AS given
WHERE given."previous" IS NULL OR given."previous" <> given."ambition";

-- Data: the profile's value stays current.
INSERT INTO "EmployerAmbitionChange" ("id", "employerId", "ambition", "source", "changedAt")
SELECT gen_random_uuid()::text, e."id", e."ambition", 'MIGRATED',
       COALESCE(last."changedAt" + INTERVAL '1 millisecond', e."createdAt")
FROM "Employer" e
LEFT JOIN LATERAL (
  SELECT c."ambition", c."changedAt" FROM "EmployerAmbitionChange" c
  WHERE c."employerId" = e."id" ORDER BY c."changedAt" DESC, c."id" DESC LIMIT 1
) AS last ON TRUE
WHERE last."ambition" IS NULL OR last."ambition" <> e."ambition";

-- Data: membership from the first reported quarter when that came before the row was made.
UPDATE "Employer" e
SET "joinedAt" = LEAST(e."createdAt", first."opensAt")
FROM (
  SELECT r."employerId", MIN(p."opensAt") AS "opensAt"
  FROM "PlacementReport" r JOIN "ReportingPeriod" p ON p."id" = r."periodId"
  GROUP BY r."employerId"
) AS first
WHERE first."employerId" = e."id";

UPDATE "Employer" e SET "joinedAt" = e."createdAt"
WHERE NOT EXISTS (SELECT 1 FROM "PlacementReport" r WHERE r."employerId" = e."id");

-- AlterTable: the ambition now lives in EmployerAmbitionChange (above).
ALTER TABLE "PlacementReport" DROP COLUMN "ambition";

-- AlterTable
ALTER TABLE "PlacementReportRevision" DROP COLUMN "ambition";
