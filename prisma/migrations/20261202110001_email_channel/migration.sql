-- E-mail as a third channel (issue 13.2): EMAIL outbox rows, a person's chosen channel, and the
-- mail server's refusal of their address for the coordinator to see.
-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('SLACK', 'TEAMS', 'EMAIL');

-- AlterEnum
ALTER TYPE "Platform" ADD VALUE 'EMAIL';

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "channel" "Channel",
ADD COLUMN     "emailFailingSince" TIMESTAMP(3),
ADD COLUMN     "emailFailure" TEXT;

