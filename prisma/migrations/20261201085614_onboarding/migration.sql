-- CreateEnum
CREATE TYPE "DirectoryListing" AS ENUM ('NAME_FUNCTION_EMAIL', 'NAME_FUNCTION', 'HIDDEN');

-- CreateEnum
CREATE TYPE "JoinRequestStatus" AS ENUM ('PENDING', 'ACCEPTED', 'REFUSED');

-- AlterTable
ALTER TABLE "Network" ADD COLUMN     "parentId" TEXT;

-- AlterTable
ALTER TABLE "Employer" ADD COLUMN     "archivedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "directoryListing" "DirectoryListing" NOT NULL DEFAULT 'NAME_FUNCTION_EMAIL',
ADD COLUMN     "directoryListingChosenAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "WorkspaceBinding" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "tenantId" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkspaceBinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MembershipConditionText" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MembershipConditionText_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MembershipConfirmation" (
    "id" TEXT NOT NULL,
    "employerId" TEXT NOT NULL,
    "textId" TEXT NOT NULL,
    "confirmedById" TEXT,
    "confirmedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MembershipConfirmation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JoinRequest" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "tenantId" TEXT NOT NULL,
    "externalUserId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "function" "PersonFunction" NOT NULL DEFAULT 'OVERIG',
    "jobTitle" TEXT,
    "locale" "Locale",
    "employerId" TEXT,
    "newEmployer" JSONB,
    "status" "JoinRequestStatus" NOT NULL DEFAULT 'PENDING',
    "reason" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "personId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JoinRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WorkspaceBinding_networkId_idx" ON "WorkspaceBinding"("networkId");

-- CreateIndex
CREATE UNIQUE INDEX "WorkspaceBinding_platform_tenantId_networkId_key" ON "WorkspaceBinding"("platform", "tenantId", "networkId");

-- CreateIndex
CREATE UNIQUE INDEX "MembershipConditionText_networkId_version_key" ON "MembershipConditionText"("networkId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "MembershipConfirmation_employerId_textId_key" ON "MembershipConfirmation"("employerId", "textId");

-- CreateIndex
CREATE INDEX "JoinRequest_networkId_status_idx" ON "JoinRequest"("networkId", "status");

-- CreateIndex
CREATE INDEX "JoinRequest_platform_tenantId_externalUserId_idx" ON "JoinRequest"("platform", "tenantId", "externalUserId");

-- CreateIndex
CREATE INDEX "Network_parentId_idx" ON "Network"("parentId");

-- AddForeignKey
ALTER TABLE "Network" ADD CONSTRAINT "Network_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Network"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkspaceBinding" ADD CONSTRAINT "WorkspaceBinding_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MembershipConditionText" ADD CONSTRAINT "MembershipConditionText_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MembershipConfirmation" ADD CONSTRAINT "MembershipConfirmation_employerId_fkey" FOREIGN KEY ("employerId") REFERENCES "Employer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MembershipConfirmation" ADD CONSTRAINT "MembershipConfirmation_textId_fkey" FOREIGN KEY ("textId") REFERENCES "MembershipConditionText"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JoinRequest" ADD CONSTRAINT "JoinRequest_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

