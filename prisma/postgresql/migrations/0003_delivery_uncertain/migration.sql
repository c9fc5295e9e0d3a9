-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "uncertain" BOOLEAN NOT NULL DEFAULT false;

