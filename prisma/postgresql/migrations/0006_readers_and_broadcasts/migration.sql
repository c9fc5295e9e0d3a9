-- DropForeignKey
ALTER TABLE "Tip" DROP CONSTRAINT "Tip_userId_fkey";

-- AlterTable
ALTER TABLE "Tip" ALTER COLUMN "userId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Subscriber" DROP COLUMN "frequency",
DROP COLUMN "sections",
ADD COLUMN     "allSections" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "breaking" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "digest" TEXT NOT NULL DEFAULT 'daily',
ADD COLUMN     "digestHour" INTEGER NOT NULL,
ADD COLUMN     "subscribedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "unsubscribedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SubscriberSection" (
    "subscriberId" INTEGER NOT NULL,
    "section" TEXT NOT NULL,

    CONSTRAINT "SubscriberSection_pkey" PRIMARY KEY ("subscriberId","section")
);

-- CreateTable
CREATE TABLE "Broadcast" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "dedupeKey" TEXT,
    "articleId" INTEGER,
    "text" TEXT,
    "buttons" TEXT NOT NULL DEFAULT '[]',
    "language" TEXT,
    "sections" TEXT NOT NULL DEFAULT '[]',
    "period" TEXT,
    "digestHour" INTEGER,
    "asOf" TIMESTAMP(3),
    "startAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "total" INTEGER NOT NULL DEFAULT 0,
    "deleteSent" BOOLEAN NOT NULL DEFAULT false,
    "createdBy" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Broadcast_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BroadcastRecipient" (
    "id" SERIAL NOT NULL,
    "broadcastId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "chatId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "since" TIMESTAMP(3),
    "messageId" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "claimToken" TEXT,
    "claimedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "BroadcastRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SubscriberSection_section_idx" ON "SubscriberSection"("section");

-- CreateIndex
CREATE UNIQUE INDEX "Broadcast_dedupeKey_key" ON "Broadcast"("dedupeKey");

-- CreateIndex
CREATE INDEX "Broadcast_status_startAt_idx" ON "Broadcast"("status", "startAt");

-- CreateIndex
CREATE INDEX "Broadcast_articleId_idx" ON "Broadcast"("articleId");

-- CreateIndex
CREATE INDEX "BroadcastRecipient_broadcastId_state_id_idx" ON "BroadcastRecipient"("broadcastId", "state", "id");

-- CreateIndex
CREATE INDEX "BroadcastRecipient_state_claimedAt_idx" ON "BroadcastRecipient"("state", "claimedAt");

-- CreateIndex
CREATE INDEX "BroadcastRecipient_userId_idx" ON "BroadcastRecipient"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "BroadcastRecipient_broadcastId_userId_key" ON "BroadcastRecipient"("broadcastId", "userId");

-- CreateIndex
CREATE INDEX "Article_language_status_createdAt_idx" ON "Article"("language", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Subscriber_active_digest_digestHour_idx" ON "Subscriber"("active", "digest", "digestHour");

-- CreateIndex
CREATE INDEX "Subscriber_active_language_idx" ON "Subscriber"("active", "language");

-- AddForeignKey
ALTER TABLE "Tip" ADD CONSTRAINT "Tip_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubscriberSection" ADD CONSTRAINT "SubscriberSection_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Broadcast" ADD CONSTRAINT "Broadcast_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BroadcastRecipient" ADD CONSTRAINT "BroadcastRecipient_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BroadcastRecipient" ADD CONSTRAINT "BroadcastRecipient_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

