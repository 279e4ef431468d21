-- AlterTable
ALTER TABLE "TeamsConversation" ADD COLUMN     "teamId" TEXT;

-- CreateIndex
CREATE INDEX "TeamsConversation_teamId_idx" ON "TeamsConversation"("teamId");

