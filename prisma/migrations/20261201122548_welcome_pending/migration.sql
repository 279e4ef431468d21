-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "welcomePending" BOOLEAN NOT NULL DEFAULT false;

