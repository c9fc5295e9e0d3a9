// No update handled twice after a failover. Telegram redelivers every update a consumer fetched but did
// not confirm with its next getUpdates; a consumer killed mid-batch had already handled some of them. With
// several instances on PostgreSQL each handled update's id is recorded once its handling finished (with
// success or an error the bot's error boundary took), and an update whose id is on record is skipped.
//
// Why a lookup before and an insert after, and not one INSERT … ON CONFLICT up front: a claim taken before
// handling would lose the update when the claimant dies mid-way (the redelivered copy would be skipped).
// A second copy handled concurrently cannot happen: in long polling one consumer fetches, and in webhook
// mode this runs inside the chat lock (chat-lock.ts), so the copy waits and then finds the record.
//
// In long polling the lookup is needed only for the first batch a new consumer fetches: Telegram redelivers
// from the oldest unconfirmed update, and the dead consumer's unconfirmed updates are one batch of at most
// 100, so they all come in that first answer; later updates are new to everyone. The consumer reports its
// first batch (`lookUpTo`) and the lookups stop after it: the per-update cost is then the one insert.
//
// On SQLite (one process) nothing is recorded: the single-instance hot path pays nothing for it.
import type { MiddlewareFn } from "grammy";
import type { Database } from "../db/create-database.ts";
import type { Logger } from "../logger.ts";
import type { BotContext } from "../bot/context.ts";

/** How long a record is kept: Telegram keeps unconfirmed updates for 24 hours. */
const KEEP_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export interface HandledUpdates {
  middleware: MiddlewareFn<BotContext>;
  /** deletes records older than a day; returns how many */
  prune(): Promise<number>;
  /** long polling: updates from this id on were never fetched by another consumer (no lookup needed) */
  lookUpTo(firstNewId: number): void;
  startPruning(): void;
  stopPruning(): void;
}

export function createHandledUpdates(deps: { db: Database; logger: Logger }): HandledUpdates {
  const { db } = deps;
  const log = deps.logger.child({ component: "handled-updates" });
  let timer: NodeJS.Timeout | undefined;
  let firstNew = Number.POSITIVE_INFINITY;

  const prune = async () => {
    const cutoff = new Date(Date.now() - KEEP_MS);
    return db.$executeRaw`DELETE FROM "HandledUpdate" WHERE "handledAt" < ${cutoff}`;
  };

  return {
    async middleware(ctx, next) {
      const id = BigInt(ctx.update.update_id);
      const seen = ctx.update.update_id < firstNew ? await db.$queryRaw<unknown[]>`SELECT 1 FROM "HandledUpdate" WHERE "updateId" = ${id}` : [];
      if (seen.length > 0) {
        log.info({ updateId: ctx.update.update_id }, "skipping an update another consumer already handled");
        return;
      }
      await next();
      await db.$executeRaw`INSERT INTO "HandledUpdate" ("updateId") VALUES (${id}) ON CONFLICT DO NOTHING`;
    },
    prune,
    lookUpTo(firstNewId) {
      firstNew = firstNewId;
    },
    startPruning() {
      timer = setInterval(() => {
        prune().then(
          (count) => count > 0 && log.debug({ count }, "forgot old handled updates"),
          (error: unknown) => log.warn({ err: error }, "could not prune the handled updates"),
        );
      }, PRUNE_EVERY_MS);
      timer.unref();
    },
    stopPruning: () => clearInterval(timer),
  };
}
