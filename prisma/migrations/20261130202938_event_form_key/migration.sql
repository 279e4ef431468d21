-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "formKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Event_formKey_key" ON "Event"("formKey");

