-- Attendance after an event, marked by a coordinator: came, did not come, or not marked (NULL).
ALTER TABLE "Rsvp" ADD COLUMN "attended" BOOLEAN;
ALTER TABLE "Rsvp" ADD COLUMN "attendanceMarkedAt" TIMESTAMP(3);
