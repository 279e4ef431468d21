-- CreateTable
CREATE TABLE "ImportUpload" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "contentBase64" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportUpload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImportUpload_expiresAt_idx" ON "ImportUpload"("expiresAt");

-- AddForeignKey
ALTER TABLE "ImportUpload" ADD CONSTRAINT "ImportUpload_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

