-- CreateEnum
CREATE TYPE "DashboardSessionKind" AS ENUM ('LINK', 'SESSION');

-- AlterTable
ALTER TABLE "DashboardSession" ADD COLUMN     "kind" "DashboardSessionKind" NOT NULL DEFAULT 'SESSION';

-- CreateTable
CREATE TABLE "RateLimitCounter" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMP(3),

    CONSTRAINT "RateLimitCounter_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "RateLimitCounter_expire_idx" ON "RateLimitCounter"("expire");

-- CreateIndex
CREATE INDEX "DashboardSession_personId_kind_createdAt_idx" ON "DashboardSession"("personId", "kind", "createdAt");

-- CreateIndex
CREATE INDEX "DashboardSession_expiresAt_idx" ON "DashboardSession"("expiresAt");

