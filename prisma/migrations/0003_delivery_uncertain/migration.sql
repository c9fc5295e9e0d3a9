-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Delivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "articleId" INTEGER NOT NULL,
    "channelId" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "action" TEXT NOT NULL DEFAULT 'post',
    "targetRevision" INTEGER NOT NULL,
    "sentRevision" INTEGER,
    "kind" TEXT,
    "messageId" INTEGER,
    "sentText" TEXT,
    "sentImageUrl" TEXT,
    "silent" BOOLEAN,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "dueAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" DATETIME,
    "claimToken" TEXT,
    "probeFrom" INTEGER,
    "uncertain" BOOLEAN NOT NULL DEFAULT false,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Delivery_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Delivery_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Delivery" ("action", "articleId", "attempts", "channelId", "claimToken", "claimedAt", "createdAt", "dueAt", "id", "kind", "lastError", "messageId", "probeFrom", "sentAt", "sentImageUrl", "sentRevision", "sentText", "silent", "state", "targetRevision", "updatedAt") SELECT "action", "articleId", "attempts", "channelId", "claimToken", "claimedAt", "createdAt", "dueAt", "id", "kind", "lastError", "messageId", "probeFrom", "sentAt", "sentImageUrl", "sentRevision", "sentText", "silent", "state", "targetRevision", "updatedAt" FROM "Delivery";
DROP TABLE "Delivery";
ALTER TABLE "new_Delivery" RENAME TO "Delivery";
CREATE INDEX "Delivery_state_dueAt_idx" ON "Delivery"("state", "dueAt");
CREATE UNIQUE INDEX "Delivery_articleId_channelId_key" ON "Delivery"("articleId", "channelId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

