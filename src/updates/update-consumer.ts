// Long polling with several instances: exactly one of them calls getUpdates, the one holding the
// "updates" lease. The others try to take it every second; when the holder dies (kill -9) PostgreSQL
// drops its advisory lock at once and the next try of a survivor takes over. On SQLite the solo cluster
// grants the lease at once, so a single process polls as it always did.
//
// The runner is grammY's (@grammyjs/runner), with an update supplier of our own instead of `run`'s:
//   - `run` gives up on 409 Conflict and its task rejects, which ended the process. Telegram answers 409 to
//     a new consumer while the dead one's long poll is still open (until its timeout), so right after a
//     takeover 409 is expected: we keep trying every second and warn once in a while;
//   - the offset survives a restart of the runner, so updates handled before it are not fetched again;
//   - a failure of the runner itself is logged and the runner restarted, never a silent exit.
import { createConcurrentSink, createRunner, createSource, type UpdateSupplier } from "@grammyjs/runner";
import { BotError, GrammyError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../logger.ts";
import type { Cluster, Lease } from "../cluster/cluster.ts";
import type { BotContext } from "../bot/context.ts";

export const UPDATES_LEASE = "updates";

export interface UpdateConsumerOptions {
  bot: Bot<BotContext>;
  cluster: Cluster;
  logger: Logger;
  allowedUpdates: readonly string[];
  /** how often an instance without the lease tries to take it */
  leaseRetryMs?: number;
  /**
   * getUpdates' long-poll timeout. With several instances it bounds the takeover: Telegram keeps a dead
   * consumer's poll open until this timeout and answers 409 to the next one meanwhile.
   */
  pollTimeoutSeconds?: number;
  /** pause between getUpdates attempts after a 409 */
  conflictRetryMs?: number;
  /**
   * Called with the id after the first batch this instance fetched since it took the lease: updates
   * from it on were never fetched by a previous consumer (handled-updates.ts stops looking them up).
   */
  onFreshFrom?: (updateId: number) => void;
}

export interface UpdateConsumer {
  /** whether this instance holds the lease and polls */
  readonly polling: boolean;
  stop(): Promise<void>;
}

const MAX_BACKOFF_MS = 30_000;
const CONFLICT_WARN_EVERY_MS = 10_000;

export async function startUpdateConsumer(options: UpdateConsumerOptions): Promise<UpdateConsumer> {
  const { bot, cluster } = options;
  const log = options.logger.child({ component: "updates", instance: cluster.id });
  const leaseRetryMs = options.leaseRetryMs ?? 1000;
  const conflictRetryMs = options.conflictRetryMs ?? 1000;
  const pollTimeout = options.pollTimeoutSeconds ?? (cluster.shared ? 5 : 30);
  let stopped = false;
  let lease: Lease | null = null;
  let timer: NodeJS.Timeout | undefined;
  let runner: ReturnType<typeof createRunner<Update>> | undefined;
  let offset = 0;
  let firstBatch = true;

  const pause = (ms: number, signal: Parameters<UpdateSupplier<Update>["supply"]>[1]) => new Promise<void>((resolve) => {
    const done = () => { clearTimeout(wait); signal.removeEventListener("abort", done); resolve(); };
    const wait = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });

  const supplier: UpdateSupplier<Update> = {
    async supply(batchSize, signal) {
      let conflictSince: number | undefined;
      let lastWarning = 0;
      let backoff = 100;
      for (;;) {
        try {
          const updates = await bot.api.getUpdates(
            { offset, limit: Math.max(1, Math.min(batchSize, 100)), timeout: pollTimeout, allowed_updates: [...options.allowedUpdates] as never },
            signal,
          );
          if (conflictSince !== undefined) log.info({ afterMs: Date.now() - conflictSince }, "getUpdates answered again after conflicts");
          const last = updates.at(-1);
          if (last) offset = last.update_id + 1;
          if (firstBatch) {
            firstBatch = false;
            // An empty first answer: nothing was left unconfirmed, every update from now on is new.
            options.onFreshFrom?.(last ? offset : 0);
          }
          return updates;
        } catch (error) {
          if (signal.aborted) throw error;
          if (error instanceof GrammyError && error.error_code === 409) {
            conflictSince ??= Date.now();
            if (Date.now() - lastWarning >= CONFLICT_WARN_EVERY_MS) {
              lastWarning = Date.now();
              log.warn({ description: error.description, sinceMs: Date.now() - conflictSince },
                "Telegram answers 409 Conflict to getUpdates (a previous consumer's long poll is still open, or a webhook is set); trying again");
            }
            await pause(conflictRetryMs, signal);
            continue;
          }
          const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
          const wait = retryAfter !== undefined ? retryAfter * 1000 : backoff;
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
          log.warn({ err: error, retryInMs: wait }, "getUpdates failed; trying again");
          await pause(wait, signal);
        }
      }
    },
  };

  const startRunner = () => {
    if (stopped) return;
    const sink = createConcurrentSink<Update>({ consume: (update) => bot.handleUpdate(update) }, async (error) => {
      try {
        await bot.errorHandler(error as BotError<BotContext>);
      } catch (failure) {
        log.error({ err: failure }, "the bot's error handler failed");
      }
    });
    const current = createRunner(createSource(supplier), sink);
    runner = current;
    current.start();
    void current.task()?.catch((error: unknown) => {
      if (stopped || runner !== current) return;
      log.error({ err: error }, "the update consumer failed; restarting it in 1 s");
      timer = setTimeout(startRunner, 1000);
    });
  };

  const tryTake = async (): Promise<void> => {
    if (stopped) return;
    try {
      lease = await cluster.tryLease(UPDATES_LEASE);
    } catch (error) {
      log.warn({ err: error }, "could not ask for the updates lease");
    }
    if (stopped) {
      await lease?.release();
      return;
    }
    if (lease) {
      log.info("this instance receives the updates now (long polling)");
      startRunner();
      return;
    }
    timer = setTimeout(() => void tryTake(), leaseRetryMs);
  };
  await tryTake();

  return {
    get polling() {
      return lease !== null && !stopped;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const current = runner;
      runner = undefined;
      if (current?.isRunning()) await current.stop();
      await lease?.release().catch((error: unknown) => log.warn({ err: error }, "could not release the updates lease"));
      lease = null;
    },
  };
}
