-- Issue 12 (part 7): coordinators set per network when a quarter's period opens and closes
-- (the reminder offsets were already per network). The defaults keep today's schedule: open on
-- the quarter's first working day, close at its end.

-- AlterTable
ALTER TABLE "Network" ADD COLUMN     "periodClosesAfterDays" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "periodOpensDay" INTEGER NOT NULL DEFAULT 0;
