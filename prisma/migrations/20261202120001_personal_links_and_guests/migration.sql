-- CreateEnum
CREATE TYPE "PersonalLinkPurpose" AS ENUM ('REPORT', 'RSVP');

-- CreateTable
CREATE TABLE "EventGuest" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "locale" "Locale",
    "response" "RsvpResponse",
    "waitlisted" BOOLEAN NOT NULL DEFAULT false,
    "waitlistedAt" TIMESTAMP(3),
    "respondedAt" TIMESTAMP(3),
    "invitedById" TEXT,
    "invitedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventGuest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonalLink" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "purpose" "PersonalLinkPurpose" NOT NULL,
    "networkId" TEXT NOT NULL,
    "personId" TEXT,
    "guestId" TEXT,
    "employerId" TEXT,
    "periodId" TEXT,
    "eventId" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "submissions" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonalLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EventGuest_eventId_email_key" ON "EventGuest"("eventId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "PersonalLink_tokenHash_key" ON "PersonalLink"("tokenHash");

-- CreateIndex
CREATE INDEX "PersonalLink_personId_idx" ON "PersonalLink"("personId");

-- CreateIndex
CREATE INDEX "PersonalLink_guestId_idx" ON "PersonalLink"("guestId");

-- CreateIndex
CREATE INDEX "PersonalLink_periodId_idx" ON "PersonalLink"("periodId");

-- CreateIndex
CREATE INDEX "PersonalLink_eventId_idx" ON "PersonalLink"("eventId");

-- CreateIndex
CREATE INDEX "PersonalLink_expiresAt_idx" ON "PersonalLink"("expiresAt");

-- AddForeignKey
ALTER TABLE "EventGuest" ADD CONSTRAINT "EventGuest_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonalLink" ADD CONSTRAINT "PersonalLink_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "EventGuest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonalLink" ADD CONSTRAINT "PersonalLink_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "ReportingPeriod"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonalLink" ADD CONSTRAINT "PersonalLink_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

