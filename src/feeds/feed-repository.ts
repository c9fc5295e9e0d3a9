// Prisma access for feeds: the polling state of each feed (conditional-GET validators, backoff) and the
// batched look-ups the poller needs to tell new items from known ones without a query per item.
import type { Tx } from "../db/create-database.ts";
import type { Feed } from "../db/generated/sqlite/client.ts";
import type { ArticleRecord } from "./feed-item-to-article.ts";
import { isUniqueViolation } from "../db/errors.ts";

export type FeedRow = Feed;

/** Article status of feed items recorded on a first poll: stored, never delivered (decision 004). */
export const ARCHIVED = "archived";

const CHUNK = 500;
const MINUTE = 60_000;
const MAX_BACKOFF_MS = 6 * 60 * MINUTE;

/** 2, 4, 8 … minutes after consecutive failures, never more than 6 hours. */
export function backoffMs(errorCount: number): number {
  return Math.min(2 ** Math.min(errorCount, 30) * MINUTE, MAX_BACKOFF_MS);
}

export interface KnownArticle {
  status: string;
  contentHash: string;
}

export function createFeedRepository(db: Tx) {
  return {
    /** Resolves when the database answers: tells a refused row from a store that is down. */
    async ping(tx: Tx = db): Promise<void> {
      await tx.$queryRaw`SELECT 1`;
    },
    ensure(url: string, tx: Tx = db): Promise<FeedRow> {
      return tx.feed.upsert({ where: { url }, create: { url }, update: {} });
    },
    list(tx: Tx = db): Promise<FeedRow[]> {
      return tx.feed.findMany({ orderBy: { id: "asc" } });
    },
    /** Articles each feed brought in, posted (any status but archived) and archived: feedId → counts. */
    async articleCounts(tx: Tx = db): Promise<Map<number, { posted: number; archived: number }>> {
      const rows = await tx.article.groupBy({ by: ["feedId", "status"], where: { feedId: { not: null } }, _count: { _all: true } });
      const counts = new Map<number, { posted: number; archived: number }>();
      for (const row of rows) {
        const entry = counts.get(row.feedId!) ?? { posted: 0, archived: 0 };
        if (row.status === ARCHIVED) entry.archived += row._count._all;
        else entry.posted += row._count._all;
        counts.set(row.feedId!, entry);
      }
      return counts;
    },
    /** An editor's feed: new, or back from removed as if new (its first poll posts at most 5 items, decision 004). */
    addFromConsole(url: string, tx: Tx = db): Promise<FeedRow> {
      return tx.feed.upsert({ where: { url }, create: { url, origin: "console" }, update: { status: "active", nextPollAt: null } });
    },
    async restartRemoved(url: string, tx: Tx = db): Promise<void> {
      await tx.feed.updateMany({
        where: { url, status: "removed" },
        data: { status: "active", lastSuccessAt: null, etag: null, lastModified: null, errorCount: 0, lastError: null, nextPollAt: null },
      });
    },
    async setStatus(id: number, status: "active" | "paused" | "removed", tx: Tx = db): Promise<FeedRow | null> {
      const { count } = await tx.feed.updateMany({ where: { id }, data: { status, ...(status === "active" ? { nextPollAt: null } : {}) } });
      return count === 1 ? tx.feed.findUnique({ where: { id } }) : null;
    },
    byId(id: number, tx: Tx = db): Promise<FeedRow | null> {
      return tx.feed.findUnique({ where: { id } });
    },
    async recordNotModified(id: number, now: Date, tx: Tx = db): Promise<void> {
      await tx.feed.update({
        where: { id },
        data: { lastPolledAt: now, lastSuccessAt: now, errorCount: 0, lastError: null, nextPollAt: null },
      });
    },
    /** `firstPollDone: false` keeps the next poll a first poll (an item of its archive could not be stored). */
    async recordSuccess(id: number, data: { title: string | null; language: string | null; etag: string | null; lastModified: string | null; itemCount: number },
      now: Date, options: { firstPollDone?: boolean } = {}, tx: Tx = db): Promise<void> {
      await tx.feed.update({
        where: { id },
        data: {
          ...data, lastPolledAt: now, errorCount: 0, lastError: null, nextPollAt: null,
          ...(options.firstPollDone === false ? {} : { lastSuccessAt: now }),
        },
      });
    },
    /** Counts the failure and schedules the next attempt; returns when that is. */
    async recordFailure(feed: FeedRow, reason: string, now: Date, tx: Tx = db): Promise<Date> {
      const errorCount = feed.errorCount + 1;
      const nextPollAt = new Date(now.getTime() + backoffMs(errorCount));
      await tx.feed.update({
        where: { id: feed.id },
        data: { lastPolledAt: now, errorCount, lastError: reason.slice(0, 1000), nextPollAt },
      });
      return nextPollAt;
    },

    /** Which of these externalIds are stored already, with what they hold: one query per 500 ids. */
    async knownArticles(externalIds: string[], tx: Tx = db): Promise<Map<string, KnownArticle>> {
      const known = new Map<string, KnownArticle>();
      for (let i = 0; i < externalIds.length; i += CHUNK) {
        const rows = await tx.article.findMany({
          where: { externalId: { in: externalIds.slice(i, i + CHUNK) } },
          select: { externalId: true, status: true, contentHash: true },
        });
        for (const row of rows) known.set(row.externalId, { status: row.status, contentHash: row.contentHash });
      }
      return known;
    },
    /** Which of these article URLs are stored already, from any source (another feed, the CMS API). */
    async knownUrls(urls: string[], tx: Tx = db): Promise<Set<string>> {
      const known = new Set<string>();
      for (let i = 0; i < urls.length; i += CHUNK) {
        const rows = await tx.article.findMany({ where: { url: { in: urls.slice(i, i + CHUNK) } }, select: { url: true } });
        for (const row of rows) known.add(row.url);
      }
      return known;
    },

    /**
     * Stores items as articles with no deliveries, so later polls know them and never post them. A batch
     * the database refuses is stored row by row, so one bad row costs only itself: returned with its error.
     */
    async insertArchived(feedId: number, rows: Array<{ externalId: string; record: ArticleRecord }>, tx: Tx = db): Promise<Array<{ externalId: string; error: unknown }>> {
      const data = (row: { externalId: string; record: ArticleRecord }) => ({
        externalId: row.externalId, ...row.record.fields, contentHash: row.record.contentHash, source: "feed", status: ARCHIVED, feedId,
      });
      const failed: Array<{ externalId: string; error: unknown }> = [];
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        try {
          await tx.article.createMany({ data: chunk.map(data) });
        } catch {
          // createMany is one statement: all or nothing. Find the row(s) at fault.
          for (const row of chunk) {
            try {
              await tx.article.create({ data: data(row), select: { id: true } });
            } catch (error) {
              // A batch the driver split into several statements may have stored this row already.
              if (!isUniqueViolation(error)) failed.push({ externalId: row.externalId, error });
            }
          }
        }
      }
      return failed;
    },
    /** An archived item changed on the site: keep the copy current, still without posting it. */
    async updateArchived(externalId: string, record: ArticleRecord, tx: Tx = db): Promise<void> {
      await tx.article.update({
        where: { externalId },
        data: { ...record.fields, contentHash: record.contentHash, revision: { increment: 1 } },
      });
    },
  };
}

export type FeedRepository = ReturnType<typeof createFeedRepository>;
