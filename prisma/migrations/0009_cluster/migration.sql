-- CreateTable
CREATE TABLE "JobRun" (
    "name" TEXT NOT NULL,
    "tick" DATETIME NOT NULL,
    "instance" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("name", "tick")
);

-- CreateTable
CREATE TABLE "HandledUpdate" (
    "updateId" BIGINT NOT NULL PRIMARY KEY,
    "handledAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SendLane" (
    "lane" TEXT NOT NULL PRIMARY KEY,
    "pausedUntil" DATETIME
);

-- CreateTable
CREATE TABLE "SendGrant" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "lane" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "n" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "JobRun_tick_idx" ON "JobRun"("tick");

-- CreateIndex
CREATE INDEX "HandledUpdate_handledAt_idx" ON "HandledUpdate"("handledAt");

-- CreateIndex
CREATE INDEX "SendGrant_lane_at_idx" ON "SendGrant"("lane", "at");

