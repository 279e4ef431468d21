-- Optional report detail, counts only (issue 12): hours a week (banen = hours / 25.5),
-- dienstverband / inleen, banenafspraak target group, trajectories that are not banen.
-- Nullable: a report without detail stays as it was, and "not given" is not 0.
ALTER TABLE "PlacementReport"
  ADD COLUMN "hoursPerWeek" DOUBLE PRECISION,
  ADD COLUMN "employment" INTEGER,
  ADD COLUMN "hiredIn" INTEGER,
  ADD COLUMN "targetGroupYes" INTEGER,
  ADD COLUMN "targetGroupNo" INTEGER,
  ADD COLUMN "targetGroupUnknown" INTEGER,
  ADD COLUMN "internships" INTEGER,
  ADD COLUMN "workExperience" INTEGER,
  ADD COLUMN "trialPlacements" INTEGER,
  ADD COLUMN "bblTrajectories" INTEGER;

ALTER TABLE "PlacementReportRevision"
  ADD COLUMN "hoursPerWeek" DOUBLE PRECISION,
  ADD COLUMN "employment" INTEGER,
  ADD COLUMN "hiredIn" INTEGER,
  ADD COLUMN "targetGroupYes" INTEGER,
  ADD COLUMN "targetGroupNo" INTEGER,
  ADD COLUMN "targetGroupUnknown" INTEGER,
  ADD COLUMN "internships" INTEGER,
  ADD COLUMN "workExperience" INTEGER,
  ADD COLUMN "trialPlacements" INTEGER,
  ADD COLUMN "bblTrajectories" INTEGER;
