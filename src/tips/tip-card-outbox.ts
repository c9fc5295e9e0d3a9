// Tip cards as an outbox: a stored tip whose `cardMessageId` is null still owes the editors its card.
// The citizen is answered as soon as the tip is stored; the card is posted here, outside the
// conversation — kicked off right after the tip is stored and swept by the `post-tip-cards` job, which
// retries every tip the editors' chat refused. No Telegram here: the bot connects a `CardPoster`.
import type { Logger } from "../logger.ts";
import type { TipRow } from "./tip-repository.ts";

/**
 * Posts one tip's card (and its album) to the editors' chat and records the card. True once the card is
 * out; false when the chat refused it (the poster logs why, without the payload).
 */
export type CardPoster = (tip: TipRow) => Promise<boolean>;

export interface CardOutboxStore {
  withoutCard(afterId: number, limit: number): Promise<number[]>;
  countWithoutCard(): Promise<number>;
  byId(id: number): Promise<TipRow | null>;
}

const SWEEP_BATCH = 50;

export function createTipCardOutbox(deps: { store: CardOutboxStore; logger: Logger }) {
  const log = deps.logger.child({ component: "tip-cards" });
  let poster: CardPoster | undefined;
  /** Posts under way in this process, by tip id: a kick and a sweep never post the same card at once. */
  const inFlight = new Map<number, Promise<boolean>>();
  let sweeping: Promise<void> | undefined;

  function post(tipId: number): Promise<boolean> {
    const current = inFlight.get(tipId);
    if (current) return current;
    const started = (async () => {
      // Read again: the card may have gone out since the caller looked, or the tip been marked spam.
      const tip = await deps.store.byId(tipId);
      if (!tip || tip.cardMessageId !== null || tip.status === "spam") return true;
      return poster!(tip);
    })()
      .catch((error: unknown) => {
        // Not Telegram's refusal (the poster handles that) but our side: the store, a closed database.
        log.error({ tipId, err: { name: (error as Error).name, message: (error as Error).message?.slice(0, 200) } }, "posting a tip card failed");
        return false;
      })
      .finally(() => inFlight.delete(tipId));
    inFlight.set(tipId, started);
    return started;
  }

  /** Oldest first, one at a time. Stops at the first refusal: the chat is refusing everything then. */
  async function sweep(): Promise<void> {
    let afterId = 0;
    let posted = 0;
    for (;;) {
      const batch = await deps.store.withoutCard(afterId, SWEEP_BATCH);
      if (batch.length === 0) break;
      for (const id of batch) {
        afterId = id;
        if (!(await post(id))) {
          log.warn({ tipId: id, posted, waiting: await deps.store.countWithoutCard() }, "the editors' chat refused a tip card; the rest wait for the next run");
          return;
        }
        posted++;
      }
    }
    if (posted > 0) log.info({ posted }, "tip cards posted");
  }

  return {
    /** Called once by the bot when there is an editors' chat to post to; until then cards just wait. */
    connect(next: CardPoster): void {
      poster = next;
    },

    /** Starts posting this tip's card now without waiting for it; a failure is left to the sweep. */
    kick(tipId: number): void {
      if (poster) void post(tipId);
    },

    /** Posts every card still owed (the `post-tip-cards` job). Concurrent calls share one sweep. */
    postMissing(): Promise<void> {
      if (!poster) return Promise.resolve();
      sweeping ??= sweep().finally(() => (sweeping = undefined));
      return sweeping;
    },

    /** Resolves when no card is being posted (tests, benchmarks, shutdown before the database closes). */
    async whenIdle(): Promise<void> {
      while (inFlight.size > 0 || sweeping) await Promise.allSettled([...inFlight.values(), sweeping]);
    },
  };
}

export type TipCardOutbox = ReturnType<typeof createTipCardOutbox>;
