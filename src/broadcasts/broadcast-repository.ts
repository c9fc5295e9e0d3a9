// Broadcasts and their recipients in the store. The audience is resolved with one INSERT … SELECT and
// recipients are claimed and confirmed in batches of plain SQL, so a broadcast to 100,000 readers never
// loads them into memory and costs a few statements per hundred sends (see docs/decisions/009).
import { Prisma } from "../db/generated/sqlite/client.ts";
import type { Broadcast, BroadcastRecipient } from "../db/generated/sqlite/client.ts";
import type { Database, Tx } from "../db/create-database.ts";
import type { Provider } from "../db/provider.ts";
import type { BroadcastKind, RecipientState } from "./broadcast-types.ts";

export type BroadcastRow = Broadcast;
export type ClaimedRecipient = BroadcastRecipient & {
  user: {
    reachable: boolean;
    subscription: { language: string; allSections: boolean; digest: string; sections: Array<{ section: string }> } | null;
  };
};

/** Who a broadcast reaches, as SQL conditions on Subscriber s and User u. */
export interface Audience {
  language?: string | null;
  /** readers following any of these (readers following every section always match); none = everyone */
  sections?: string[];
  /** alerts: only readers who want them */
  breaking?: boolean;
  /** digests: readers of this frequency at this hour (hour null = any hour) */
  digest?: { hour: number | null; weekly: boolean; daily: boolean };
}

export interface Outcome {
  id: number;
  token: string;
}

export function createBroadcastRepository(db: Database, provider: Provider) {
  const forUpdate = provider === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  // PostgreSQL cannot guess the type of a bare parameter in a SELECT list.
  const int = (value: number) => (provider === "postgresql" ? Prisma.sql`CAST(${value} AS INTEGER)` : Prisma.sql`${value}`);
  const time = (value: Date) => (provider === "postgresql" ? Prisma.sql`CAST(${value} AS TIMESTAMP(3))` : Prisma.sql`${value}`);

  function audienceWhere(audience: Audience): Prisma.Sql {
    const parts: Prisma.Sql[] = [Prisma.sql`s."active" = TRUE`, Prisma.sql`u."reachable" = TRUE`];
    if (audience.language) parts.push(Prisma.sql`s."language" = ${audience.language}`);
    if (audience.breaking) parts.push(Prisma.sql`s."breaking" = TRUE`);
    if (audience.sections && audience.sections.length > 0) {
      parts.push(Prisma.sql`(s."allSections" = TRUE OR EXISTS (SELECT 1 FROM "SubscriberSection" ss WHERE ss."subscriberId" = s."id" AND ss."section" IN (${Prisma.join(audience.sections)})))`);
    }
    if (audience.digest) {
      const frequencies = [audience.digest.daily ? "daily" : null, audience.digest.weekly ? "weekly" : null].filter((f): f is string => f !== null);
      parts.push(frequencies.length ? Prisma.sql`s."digest" IN (${Prisma.join(frequencies)})` : Prisma.sql`1 = 0`);
      if (audience.digest.hour !== null) parts.push(Prisma.sql`s."digestHour" = ${audience.digest.hour}`);
    }
    return Prisma.join(parts, " AND ");
  }

  return {
    create(data: Prisma.BroadcastUncheckedCreateInput, tx: Tx = db): Promise<BroadcastRow> {
      return tx.broadcast.create({ data });
    },
    byId: (id: number, tx: Tx = db): Promise<BroadcastRow | null> => tx.broadcast.findUnique({ where: { id } }),
    byDedupeKey: (dedupeKey: string, tx: Tx = db): Promise<BroadcastRow | null> => tx.broadcast.findUnique({ where: { dedupeKey } }),
    byArticle: (articleId: number, kind: BroadcastKind, tx: Tx = db): Promise<BroadcastRow[]> => tx.broadcast.findMany({ where: { articleId, kind } }),
    async update(id: number, data: Prisma.BroadcastUncheckedUpdateInput, tx: Tx = db): Promise<void> {
      await tx.broadcast.update({ where: { id }, data });
    },
    /** A conditional move between statuses: false when someone else moved it first. */
    async move(id: number, from: string[], data: Prisma.BroadcastUncheckedUpdateManyInput, tx: Tx = db): Promise<boolean> {
      const { count } = await tx.broadcast.updateMany({ where: { id, status: { in: from } }, data });
      return count === 1;
    },
    list: (query: { limit: number; beforeId?: number }, tx: Tx = db): Promise<BroadcastRow[]> =>
      tx.broadcast.findMany({
        where: { status: { not: "draft" }, ...(query.beforeId ? { id: { lt: query.beforeId } } : {}) },
        orderBy: { id: "desc" }, take: query.limit,
      }),

    /** Broadcasts with work now: to start, to send, or alerts to delete. */
    due: (now: Date): Promise<Array<Pick<BroadcastRow, "id" | "kind" | "status" | "deleteSent">>> =>
      db.broadcast.findMany({
        where: { OR: [{ status: "queued", startAt: { lte: now } }, { status: "sending" }, { deleteSent: true }] },
        select: { id: true, kind: true, status: true, deleteSent: true },
        orderBy: { id: "asc" }, take: 50,
      }),

    articleOf: (id: number) =>
      db.article.findUnique({ where: { id }, select: { title: true, lead: true, url: true, language: true, section: true, status: true, breaking: true } }),

    /**
     * queued → sending, with the audience resolved in the same transaction: a crash leaves either nothing
     * or the whole list. Null when another process started it first.
     */
    async start(broadcast: BroadcastRow, audience: Audience, now: Date): Promise<number | null> {
      return db.$transaction(async (tx) => {
        const moved = await tx.broadcast.updateMany({
          where: { id: broadcast.id, status: "queued" },
          data: { status: "sending", startedAt: now, ...(broadcast.kind === "digest" && !broadcast.asOf ? { asOf: now } : {}) },
        });
        if (moved.count === 0) return null;
        const total = await this.resolveAudience(broadcast.id, audience, now, tx);
        await tx.broadcast.update({ where: { id: broadcast.id }, data: { total } });
        return total;
      }, { timeout: 120_000 });
    },

    /** sending → done; digest readers who got it start their next digest where this one ended. */
    async finish(broadcast: BroadcastRow, now: Date): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const moved = await tx.broadcast.updateMany({ where: { id: broadcast.id, status: "sending" }, data: { status: "done", finishedAt: now } });
        if (moved.count === 0) return false;
        const current = await tx.broadcast.findUnique({ where: { id: broadcast.id }, select: { asOf: true } });
        if (broadcast.kind === "digest" && current?.asOf) await this.advanceDigests(broadcast.id, current.asOf, tx);
        return true;
      });
    },

    /** One INSERT … SELECT: every matching reader becomes a pending recipient. Returns how many. */
    async resolveAudience(broadcastId: number, audience: Audience, now: Date, tx: Tx): Promise<number> {
      return tx.$executeRaw`
        INSERT INTO "BroadcastRecipient" ("broadcastId", "userId", "chatId", "state", "attempts", "dueAt", "since")
        SELECT ${int(broadcastId)}, u."id", u."telegramId", 'pending', 0, ${time(now)}, s."lastDigestAt"
        FROM "Subscriber" s JOIN "User" u ON u."id" = s."userId"
        WHERE ${audienceWhere(audience)}`;
    },

    /** How many readers an audience reaches right now (the editor's confirmation shows it). */
    async countAudience(audience: Audience): Promise<number> {
      const rows = await db.$queryRaw<Array<{ n: number | bigint }>>`
        SELECT COUNT(*) AS n FROM "Subscriber" s JOIN "User" u ON u."id" = s."userId" WHERE ${audienceWhere(audience)}`;
      return Number(rows[0]?.n ?? 0);
    },

    async deleteDraft(id: number): Promise<boolean> {
      const { count } = await db.broadcast.deleteMany({ where: { id, status: "draft" } });
      return count === 1;
    },

    /** Takes up to `limit` due recipients of a broadcast that is still sending. */
    async claim(broadcastId: number, token: string, now: Date, limit: number, withSubscription = true): Promise<ClaimedRecipient[]> {
      const count = await db.$executeRaw`
        UPDATE "BroadcastRecipient" SET "state" = 'sending', "claimToken" = ${token}, "claimedAt" = ${now}, "attempts" = "attempts" + 1
        WHERE "id" IN (
          SELECT r."id" FROM "BroadcastRecipient" r
          WHERE r."broadcastId" = ${broadcastId} AND r."state" = 'pending' AND r."dueAt" <= ${now}
            AND EXISTS (SELECT 1 FROM "Broadcast" b WHERE b."id" = ${broadcastId} AND b."status" = 'sending')
          ORDER BY r."id" LIMIT ${limit} ${forUpdate}
        ) AND "state" = 'pending'`;
      if (count === 0) return [];
      return db.broadcastRecipient.findMany({
        where: { claimToken: token, state: "sending" },
        // Only a digest depends on the reader's settings; alerts and announcements need no more than reachability.
        include: { user: { select: { reachable: true, ...(withSubscription ? { subscription: { select: { language: true, allSections: true, digest: true, sections: { select: { section: true } } } } } : {}) } } },
        orderBy: { id: "asc" },
      }) as Promise<ClaimedRecipient[]>;
    },

    /** Sent alerts of a withdrawn article still within Telegram's 48 hours, claimed for deletion. */
    async claimDeletions(broadcastId: number, token: string, now: Date, sentAfter: Date, limit: number): Promise<BroadcastRecipient[]> {
      const count = await db.$executeRaw`
        UPDATE "BroadcastRecipient" SET "state" = 'deleting', "claimToken" = ${token}, "claimedAt" = ${now}
        WHERE "id" IN (
          SELECT r."id" FROM "BroadcastRecipient" r
          WHERE r."broadcastId" = ${broadcastId} AND r."state" = 'sent' AND r."messageId" IS NOT NULL AND r."sentAt" > ${sentAfter}
          ORDER BY r."id" LIMIT ${limit} ${forUpdate}
        ) AND "state" = 'sent'`;
      if (count === 0) return [];
      return db.broadcastRecipient.findMany({ where: { claimToken: token, state: "deleting" }, orderBy: { id: "asc" } });
    },

    /**
     * Records a batch of answers in one transaction (group commit): the window in which Telegram has a
     * message and the store does not know it is the time of one such write.
     */
    async record(now: Date, batch: {
      sent: Array<Outcome & { messageId: number }>;
      blocked: Array<Outcome & { userId: number; error: string }>;
      failed: Array<Outcome & { error: string }>;
      retry: Array<Outcome & { error: string; dueAt: Date }>;
      skipped: Array<Outcome & { error: string }>;
      deleted: Outcome[];
      undeletable: Array<Outcome & { error: string }>;
    }): Promise<void> {
      const statements: Array<Prisma.PrismaPromise<unknown>> = [];
      for (const [token, rows] of byToken(batch.sent)) {
        const ids = rows.map((row) => row.id);
        const cases = Prisma.join(rows.map((row) => Prisma.sql`WHEN ${row.id} THEN ${int(row.messageId)}`), " ");
        statements.push(db.$executeRaw`
          UPDATE "BroadcastRecipient" SET "state" = 'sent', "sentAt" = ${now}, "claimToken" = NULL, "lastError" = NULL,
            "messageId" = CASE "id" ${cases} END
          WHERE "id" IN (${Prisma.join(ids)}) AND "claimToken" = ${token}`);
      }
      const simple = (rows: Array<Outcome & { error?: string; dueAt?: Date }>, state: RecipientState) => {
        for (const [token, group] of byToken(rows)) {
          // Rows that share an error and a due time go in one statement.
          for (const [, same] of groupBy(group, (row) => `${row.error ?? ""}\u0000${row.dueAt?.getTime() ?? ""}`)) {
            statements.push(db.broadcastRecipient.updateMany({
              where: { id: { in: same.map((row) => row.id) }, claimToken: token },
              data: {
                state, claimToken: null, claimedAt: null,
                ...(same[0]!.error !== undefined ? { lastError: same[0]!.error.slice(0, 300) } : {}),
                ...(same[0]!.dueAt ? { dueAt: same[0]!.dueAt } : {}),
              },
            }));
          }
        }
      };
      simple(batch.blocked, "blocked");
      simple(batch.failed, "failed");
      simple(batch.retry, "pending");
      simple(batch.skipped, "skipped");
      simple(batch.deleted, "deleted");
      simple(batch.undeletable, "kept");
      if (batch.blocked.length > 0) {
        // At once, for every broadcast: a reader who blocked the bot is not written to again until they come back.
        statements.push(db.user.updateMany({ where: { id: { in: batch.blocked.map((row) => row.userId) } }, data: { reachable: false } }));
      }
      if (statements.length > 0) await db.$transaction(statements);
    },

    /** Recipients in each state. */
    async counts(broadcastId: number, tx: Tx = db): Promise<Record<string, number>> {
      const rows = await tx.broadcastRecipient.groupBy({ by: ["state"], where: { broadcastId }, _count: { _all: true } });
      return Object.fromEntries(rows.map((row) => [row.state, row._count._all]));
    },

    /** Recipients not yet settled: pending (perhaps waiting for a retry) or claimed. */
    unsettled: (broadcastId: number): Promise<number> =>
      db.broadcastRecipient.count({ where: { broadcastId, state: { in: ["pending", "sending"] } } }),

    /** A cancelled broadcast sends nothing more. */
    async skipPending(broadcastId: number, reason: string, tx: Tx = db): Promise<number> {
      const { count } = await tx.broadcastRecipient.updateMany({
        where: { broadcastId, state: "pending" }, data: { state: "skipped", lastError: reason },
      });
      return count;
    },

    /** Digest readers who got this one start their next digest at its `asOf`. */
    async advanceDigests(broadcastId: number, asOf: Date, tx: Tx): Promise<void> {
      await tx.$executeRaw`
        UPDATE "Subscriber" SET "lastDigestAt" = ${asOf}
        WHERE "userId" IN (SELECT "userId" FROM "BroadcastRecipient" WHERE "broadcastId" = ${broadcastId} AND "state" = 'sent')`;
    },

    /** Tokens of the recipients being sent to or deleted now, whoever claimed them (delivery/claim-tokens.ts). */
    async claims(): Promise<string[]> {
      const rows = await db.$queryRaw<Array<{ claimToken: string }>>`
        SELECT DISTINCT "claimToken" FROM "BroadcastRecipient" WHERE "state" IN ('sending', 'deleting') AND "claimToken" IS NOT NULL`;
      return rows.map((row) => row.claimToken);
    },

    /**
     * Claims of instances that are gone go back: a send that was
     * claimed goes out again — if it had reached Telegram before the process died, that reader gets it
     * twice (the in-flight window); a deletion is simply tried again. Returns how many sends went back.
     */
    async releaseOrphans(deadTokens: string[]): Promise<number> {
      const theirs = { claimToken: { in: deadTokens } };
      const [sends] = await db.$transaction([
        db.broadcastRecipient.updateMany({ where: { state: "sending", ...theirs }, data: { state: "pending", claimToken: null, claimedAt: null } }),
        db.broadcastRecipient.updateMany({ where: { state: "deleting", ...theirs }, data: { state: "sent", claimToken: null, claimedAt: null } }),
      ]);
      return sends.count;
    },

    /** Sent alerts still within reach of deleteMessage. */
    countDeletable: (broadcastId: number, sentAfter: Date): Promise<number> =>
      db.broadcastRecipient.count({ where: { broadcastId, state: { in: ["sent", "deleting"] }, messageId: { not: null }, sentAt: { gt: sentAfter } } }),

    /** What /mydata shows: how many broadcasts reached this reader. */
    countReceived: (userId: number): Promise<number> => db.broadcastRecipient.count({ where: { userId, state: "sent" } }),

    /** Recipient rows of broadcasts finished before `before` (they only served deletion and figures). */
    async purgeFinished(before: Date): Promise<number> {
      const { count } = await db.broadcastRecipient.deleteMany({
        where: { broadcast: { status: { in: ["done", "cancelled"] }, deleteSent: false, finishedAt: { lt: before } } },
      });
      return count;
    },
  };
}

export type BroadcastRepository = ReturnType<typeof createBroadcastRepository>;

function byToken<T extends Outcome>(rows: T[]): Map<string, T[]> {
  return groupBy(rows, (row) => row.token);
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
