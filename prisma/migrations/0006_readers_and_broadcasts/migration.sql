-- CreateTable
CREATE TABLE "SubscriberSection" (
    "subscriberId" INTEGER NOT NULL,
    "section" TEXT NOT NULL,

    PRIMARY KEY ("subscriberId", "section"),
    CONSTRAINT "SubscriberSection_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Broadcast" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "asOf" DATETIME,
    "startAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "total" INTEGER NOT NULL DEFAULT 0,
    "deleteSent" BOOLEAN NOT NULL DEFAULT false,
    "createdBy" TEXT,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "cancelledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Broadcast_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BroadcastRecipient" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "broadcastId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "chatId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "since" DATETIME,
    "messageId" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "dueAt" DATETIME NOT NULL,
    "claimToken" TEXT,
    "claimedAt" DATETIME,
    "sentAt" DATETIME,
    CONSTRAINT "BroadcastRecipient_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BroadcastRecipient_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Tip" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reference" TEXT NOT NULL,
    "userId" INTEGER,
    "topic" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "voiceFileId" TEXT,
    "placeText" TEXT,
    "latitude" REAL,
    "longitude" REAL,
    "contactPhone" TEXT,
    "consent" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'new',
    "cardMessageId" INTEGER,
    "editorChatId" TEXT,
    "submissionKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Tip_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Tip" ("cardMessageId", "consent", "contactPhone", "createdAt", "editorChatId", "id", "language", "latitude", "longitude", "placeText", "reference", "status", "submissionKey", "text", "topic", "updatedAt", "userId", "voiceFileId") SELECT "cardMessageId", "consent", "contactPhone", "createdAt", "editorChatId", "id", "language", "latitude", "longitude", "placeText", "reference", "status", "submissionKey", "text", "topic", "updatedAt", "userId", "voiceFileId" FROM "Tip";
DROP TABLE "Tip";
ALTER TABLE "new_Tip" RENAME TO "Tip";
CREATE UNIQUE INDEX "Tip_reference_key" ON "Tip"("reference");
CREATE UNIQUE INDEX "Tip_submissionKey_key" ON "Tip"("submissionKey");
CREATE INDEX "Tip_status_createdAt_idx" ON "Tip"("status", "createdAt");
CREATE INDEX "Tip_userId_createdAt_idx" ON "Tip"("userId", "createdAt");
CREATE TABLE "new_Subscriber" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "language" TEXT NOT NULL,
    "allSections" BOOLEAN NOT NULL DEFAULT true,
    "breaking" BOOLEAN NOT NULL DEFAULT true,
    "digest" TEXT NOT NULL DEFAULT 'daily',
    "digestHour" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastDigestAt" DATETIME,
    "subscribedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "unsubscribedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Subscriber_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Subscriber" ("active", "createdAt", "id", "language", "lastDigestAt", "updatedAt", "userId") SELECT "active", "createdAt", "id", "language", "lastDigestAt", "updatedAt", "userId" FROM "Subscriber";
DROP TABLE "Subscriber";
ALTER TABLE "new_Subscriber" RENAME TO "Subscriber";
CREATE UNIQUE INDEX "Subscriber_userId_key" ON "Subscriber"("userId");
CREATE INDEX "Subscriber_active_digest_digestHour_idx" ON "Subscriber"("active", "digest", "digestHour");
CREATE INDEX "Subscriber_active_language_idx" ON "Subscriber"("active", "language");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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

