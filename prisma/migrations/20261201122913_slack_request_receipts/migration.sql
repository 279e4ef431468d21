-- CreateTable
CREATE TABLE "SlackRequestReceipt" (
    "signature" TEXT NOT NULL,
    "requestTimestamp" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlackRequestReceipt_pkey" PRIMARY KEY ("signature","requestTimestamp")
);

-- CreateIndex
CREATE INDEX "SlackRequestReceipt_requestTimestamp_idx" ON "SlackRequestReceipt"("requestTimestamp");

