-- Issue 13.2: one-click unsubscribe from campaign e-mail (RFC 8058), and the personal links of an
-- outbox row's e-mail kept for its retries (cleared once it is sent).

-- AlterEnum
ALTER TYPE "PersonalLinkPurpose" ADD VALUE 'UNSUBSCRIBE';

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "campaignMailOffAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "mailLinks" JSONB;
