-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "NetworkKind" AS ENUM ('NATIONAL', 'REGIONAL');

-- CreateEnum
CREATE TYPE "MembershipCondition" AS ENUM ('PLACEMENT_REPORTING', 'INTENTIEVERKLARING', 'CONVENANT', 'CO2_CALCULATOR');

-- CreateEnum
CREATE TYPE "Locale" AS ENUM ('nl', 'en');

-- CreateEnum
CREATE TYPE "SizeBand" AS ENUM ('MICRO', 'SMALL', 'MEDIUM', 'LARGE', 'VERY_LARGE');

-- CreateEnum
CREATE TYPE "Offer" AS ENUM ('WERKPLEK', 'TIJD', 'KENNIS');

-- CreateEnum
CREATE TYPE "PersonFunction" AS ENUM ('DIRECTIE', 'HR', 'INKOOP', 'MVO', 'OVERIG');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('MEMBER', 'COORDINATOR');

-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('SLACK', 'TEAMS', 'WEB');

-- CreateEnum
CREATE TYPE "PeriodStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "EventKind" AS ENUM ('PRAKTIJKTAFEL', 'MASTERCLASS', 'NETWERKBIJEENKOMST', 'KENNISKRING');

-- CreateEnum
CREATE TYPE "EventStatus" AS ENUM ('SCHEDULED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RsvpResponse" AS ENUM ('YES', 'NO', 'MAYBE');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'DEAD', 'CANCELLED');

-- CreateTable
CREATE TABLE "Network" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "NetworkKind" NOT NULL DEFAULT 'REGIONAL',
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Amsterdam',
    "defaultLocale" "Locale" NOT NULL DEFAULT 'nl',
    "membershipCondition" "MembershipCondition" NOT NULL DEFAULT 'PLACEMENT_REPORTING',
    "reminderOffsetsDays" INTEGER[] DEFAULT ARRAY[7, 14]::INTEGER[],
    "campaignsPaused" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Network_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Employer" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "branche" TEXT NOT NULL,
    "sizeBand" "SizeBand" NOT NULL,
    "location" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "challenges" TEXT[],
    "offers" "Offer"[],
    "offerDescription" TEXT,
    "inclusionMaturity" INTEGER NOT NULL DEFAULT 1,
    "ambition" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Employer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "employerId" TEXT,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "function" "PersonFunction" NOT NULL DEFAULT 'OVERIG',
    "jobTitle" TEXT,
    "role" "Role" NOT NULL DEFAULT 'MEMBER',
    "locale" "Locale",
    "reportingContact" BOOLEAN NOT NULL DEFAULT false,
    "quietHoursStart" INTEGER,
    "quietHoursEnd" INTEGER,
    "snoozedUntil" TIMESTAMP(3),
    "erasedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlatformIdentity" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "tenantId" TEXT NOT NULL,
    "externalUserId" TEXT NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlatformIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Subgroup" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Subgroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubgroupMembership" (
    "id" TEXT NOT NULL,
    "subgroupId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "isContact" BOOLEAN NOT NULL DEFAULT false,
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubgroupMembership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportingPeriod" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "quarter" INTEGER NOT NULL,
    "opensAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "status" "PeriodStatus" NOT NULL DEFAULT 'OPEN',

    CONSTRAINT "ReportingPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlacementReport" (
    "id" TEXT NOT NULL,
    "employerId" TEXT NOT NULL,
    "periodId" TEXT NOT NULL,
    "ambition" INTEGER NOT NULL,
    "realised" INTEGER NOT NULL,
    "remark" TEXT,
    "submittedById" TEXT,
    "submittedVia" "Platform" NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "PlacementReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlacementReportRevision" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "ambition" INTEGER NOT NULL,
    "realised" INTEGER NOT NULL,
    "remark" TEXT,
    "submittedById" TEXT,
    "submittedVia" "Platform" NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlacementReportRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "subgroupId" TEXT,
    "kind" "EventKind" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "guests" TEXT[],
    "location" TEXT,
    "onlineUrl" TEXT,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "capacity" INTEGER,
    "rsvpDeadline" TIMESTAMP(3),
    "status" "EventStatus" NOT NULL DEFAULT 'SCHEDULED',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Rsvp" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "response" "RsvpResponse" NOT NULL,
    "waitlisted" BOOLEAN NOT NULL DEFAULT false,
    "waitlistedAt" TIMESTAMP(3),
    "respondedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Rsvp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RsvpHistory" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "response" "RsvpResponse" NOT NULL,
    "waitlisted" BOOLEAN NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RsvpHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventAnnouncement" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "tenantId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "platformMessageId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventAnnouncement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "kind" TEXT NOT NULL,
    "personId" TEXT,
    "address" JSONB NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "platformMessageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT,
    "details" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlackInstallation" (
    "id" TEXT NOT NULL,
    "teamId" TEXT,
    "enterpriseId" TEXT,
    "networkId" TEXT,
    "installation" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlackInstallation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamsConversation" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "tenantId" TEXT,
    "aadObjectId" TEXT,
    "kind" TEXT NOT NULL,
    "reference" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TeamsConversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScheduledRun" (
    "id" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "fireAt" TIMESTAMP(3) NOT NULL,
    "claimedBy" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ScheduledRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DashboardSession" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "personId" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DashboardSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Network_slug_key" ON "Network"("slug");

-- CreateIndex
CREATE INDEX "Employer_networkId_idx" ON "Employer"("networkId");

-- CreateIndex
CREATE UNIQUE INDEX "Employer_networkId_name_key" ON "Employer"("networkId", "name");

-- CreateIndex
CREATE INDEX "Person_employerId_idx" ON "Person"("employerId");

-- CreateIndex
CREATE UNIQUE INDEX "Person_networkId_email_key" ON "Person"("networkId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "PlatformIdentity_platform_tenantId_externalUserId_key" ON "PlatformIdentity"("platform", "tenantId", "externalUserId");

-- CreateIndex
CREATE UNIQUE INDEX "PlatformIdentity_personId_platform_tenantId_key" ON "PlatformIdentity"("personId", "platform", "tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Subgroup_networkId_slug_key" ON "Subgroup"("networkId", "slug");

-- CreateIndex
CREATE INDEX "SubgroupMembership_personId_idx" ON "SubgroupMembership"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "SubgroupMembership_subgroupId_personId_key" ON "SubgroupMembership"("subgroupId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportingPeriod_networkId_year_quarter_key" ON "ReportingPeriod"("networkId", "year", "quarter");

-- CreateIndex
CREATE INDEX "PlacementReport_periodId_idx" ON "PlacementReport"("periodId");

-- CreateIndex
CREATE UNIQUE INDEX "PlacementReport_employerId_periodId_key" ON "PlacementReport"("employerId", "periodId");

-- CreateIndex
CREATE UNIQUE INDEX "PlacementReportRevision_reportId_version_key" ON "PlacementReportRevision"("reportId", "version");

-- CreateIndex
CREATE INDEX "Event_networkId_startsAt_idx" ON "Event"("networkId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Event_networkId_number_key" ON "Event"("networkId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Rsvp_eventId_personId_key" ON "Rsvp"("eventId", "personId");

-- CreateIndex
CREATE INDEX "RsvpHistory_eventId_personId_idx" ON "RsvpHistory"("eventId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "EventAnnouncement_platform_channelId_platformMessageId_key" ON "EventAnnouncement"("platform", "channelId", "platformMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_idempotencyKey_key" ON "OutboxMessage"("idempotencyKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "AuditLog_subjectType_subjectId_idx" ON "AuditLog"("subjectType", "subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "SlackInstallation_teamId_enterpriseId_key" ON "SlackInstallation"("teamId", "enterpriseId");

-- CreateIndex
CREATE UNIQUE INDEX "TeamsConversation_conversationId_key" ON "TeamsConversation"("conversationId");

-- CreateIndex
CREATE INDEX "TeamsConversation_aadObjectId_idx" ON "TeamsConversation"("aadObjectId");

-- CreateIndex
CREATE UNIQUE INDEX "ScheduledRun_job_fireAt_key" ON "ScheduledRun"("job", "fireAt");

-- CreateIndex
CREATE UNIQUE INDEX "DashboardSession_tokenHash_key" ON "DashboardSession"("tokenHash");

-- AddForeignKey
ALTER TABLE "Employer" ADD CONSTRAINT "Employer_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_employerId_fkey" FOREIGN KEY ("employerId") REFERENCES "Employer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlatformIdentity" ADD CONSTRAINT "PlatformIdentity_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subgroup" ADD CONSTRAINT "Subgroup_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubgroupMembership" ADD CONSTRAINT "SubgroupMembership_subgroupId_fkey" FOREIGN KEY ("subgroupId") REFERENCES "Subgroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubgroupMembership" ADD CONSTRAINT "SubgroupMembership_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportingPeriod" ADD CONSTRAINT "ReportingPeriod_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlacementReport" ADD CONSTRAINT "PlacementReport_employerId_fkey" FOREIGN KEY ("employerId") REFERENCES "Employer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlacementReport" ADD CONSTRAINT "PlacementReport_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "ReportingPeriod"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlacementReportRevision" ADD CONSTRAINT "PlacementReportRevision_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "PlacementReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_subgroupId_fkey" FOREIGN KEY ("subgroupId") REFERENCES "Subgroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rsvp" ADD CONSTRAINT "Rsvp_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rsvp" ADD CONSTRAINT "Rsvp_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RsvpHistory" ADD CONSTRAINT "RsvpHistory_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventAnnouncement" ADD CONSTRAINT "EventAnnouncement_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

