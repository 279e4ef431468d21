-- Issue 14: the dashboard lists a network's audit log, newest first. Each row now names the
-- network it belongs to. Existing rows: the network of the person who acted, else the network an
-- admin action names in its details, else the network that is its subject.

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "networkId" TEXT;

UPDATE "AuditLog" a SET "networkId" = p."networkId" FROM "Person" p WHERE a."actorId" = p."id";
UPDATE "AuditLog" SET "networkId" = "details"->>'networkId' WHERE "networkId" IS NULL AND jsonb_typeof("details") = 'object' AND "details" ? 'networkId';
UPDATE "AuditLog" SET "networkId" = "subjectId" WHERE "networkId" IS NULL AND "subjectType" = 'Network';

-- CreateIndex
CREATE INDEX "AuditLog_networkId_at_idx" ON "AuditLog"("networkId", "at");
