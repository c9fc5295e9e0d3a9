-- AlterTable
ALTER TABLE "Tip" ADD COLUMN "submissionKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Tip_submissionKey_key" ON "Tip"("submissionKey");

