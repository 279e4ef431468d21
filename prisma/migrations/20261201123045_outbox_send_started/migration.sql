-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "sendStartedAt" TIMESTAMP(3);

