-- CreateTable
CREATE TABLE "DeliveryRateSlot" (
    "key" TEXT NOT NULL,
    "next" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DeliveryRateSlot_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "DeliveryRateSlot_next_idx" ON "DeliveryRateSlot"("next");

