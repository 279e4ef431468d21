-- DropTable
DROP TABLE "DeliveryRateSlot";

-- CreateTable
CREATE TABLE "DeliverySendLease" (
    "key" TEXT NOT NULL,
    "holder" TEXT,
    "heldUntil" TIMESTAMPTZ(3),
    "wantedAt" TIMESTAMPTZ(3),
    "log" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "DeliverySendLease_pkey" PRIMARY KEY ("key")
);

