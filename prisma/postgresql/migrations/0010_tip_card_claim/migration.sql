-- AlterTable
ALTER TABLE "Tip" ADD COLUMN     "cardClaim" TEXT;

