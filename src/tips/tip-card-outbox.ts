// Tip cards as an outbox: a stored tip whose `cardMessageId` is null still owes the editors its card.
// The citizen is answered as soon as the tip is stored; the card is posted here, outside the
// conversation — kicked off right after the tip is stored and swept by the `post-tip-cards` job, which
// retries every tip the editors' chat refused. No Telegram here: the bot connects a `CardPoster`.
//
// Posting a card is a claim on the tip (`cardClaim`, a conditional update), so of the instances that may
// reach for the same card at once — the kick on the instance that stored the tip, a sweep elsewhere, a
// replayed Send — one posts it. A refusal gives the claim back for the next sweep. An instance that dies
// mid-post leaves its claim; the next sweep frees it once that instance is gone from the members, and the
// card is posted again (if Telegram had it already, the editors see it twice: the window of decision 006).
import type { Logger } from "../logger.ts";
import type { TipRow } from "./tip-repository.ts";
import { claimToken, deadClaims, type ClaimInstance } from "../delivery/claim-tokens.ts";

/**
 * Posts one tip's card (and its album) to the editors' chat and records the card (the poster logs a
 * refusal, without the payload):
 * - `posted`: the card is out (or was already);
 * - `refused`: Telegram refused this card (a 400 about its content): the other cards may still go;
 * - `chat-refuses`: the chat refuses everything for now (bot removed, no rights, chat gone, a long 429,
 *   Telegram down): trying the other cards now would only repeat the refusal.
 */
export type CardOutcome = "posted" | "refused" | "chat-refuses";
export type CardPoster = (tip: TipRow) => Promise<CardOutcome>;

export interface CardOutboxStore {
  withoutCard(afterId: number, limit: number): Promise<number[]>;
  countWithoutCard(): Promise<number>;
  byId(id: number): Promise<TipRow | null>;
  claimCard(id: number, token: string): Promise<boolean>;
  releaseCard(id: number, token: string): Promise<void>;
  cardClaims(): Promise<string[]>;
  freeCardClaims(tokens: string[]): Promise<number>;
}

const SWEEP_BATCH = 50;

export function createTipCardOutbox(deps: { store: CardOutboxStore; logger: Logger; instance: ClaimInstance }) {
  const log = deps.logger.child({ component: "tip-cards" });
  let sequence = 0;
  let poster: CardPoster | undefined;
  /** Posts under way in this process, by tip id: a kick and a sweep never post the same card at once. */
  const inFlight = new Map<number, Promise<CardOutcome>>();
  let sweeping: Promise<void> | undefined;

  function post(tipId: number): Promise<CardOutcome> {
    const current = inFlight.get(tipId);
    if (current) return current;
    const started = (async () => {
      // Read again: the card may have gone out since the caller looked, or the tip been marked spam.
      const tip = await deps.store.byId(tipId);
      if (!tip || tip.cardMessageId !== null || tip.status === "spam") return "posted" as const;
      const token = claimToken(deps.instance.id, ++sequence);
      // Taken: being posted by another instance (or by a sweep whose claim is not freed yet). Not ours to post.
      if (!(await deps.store.claimCard(tipId, token))) return "posted" as const;
      try {
        const outcome = await poster!(tip);
        if (outcome !== "posted") await deps.store.releaseCard(tipId, token);
        return outcome;
      } catch (error) {
        await deps.store.releaseCard(tipId, token).catch(() => undefined);
        throw error;
      }
    })()
      .catch((error: unknown): CardOutcome => {
        // Not Telegram's refusal (the poster handles that) but our side: the store, a closed database.
        log.error({ tipId, err: { name: (error as Error).name, message: (error as Error).message?.slice(0, 200) } }, "posting a tip card failed");
        return "chat-refuses";
      })
      .finally(() => inFlight.delete(tipId));
    inFlight.set(tipId, started);
    return started;
  }

  /**
   * Oldest first, one at a time. A card Telegram refuses is skipped (it is tried again on the next run),
   * so one bad card never holds up the ones after it. A refusal of the whole chat ends the sweep: the
   * rest would be refused the same way, each costing a call, and the next run tries again.
   */
  async function sweep(): Promise<void> {
    const dead = await deadClaims(await deps.store.cardClaims(), deps.instance);
    if (dead.length > 0) log.warn({ cards: await deps.store.freeCardClaims(dead) }, "tip cards left by a stopped instance are posted again");
    let afterId = 0;
    let posted = 0;
    const refused: number[] = [];
    for (;;) {
      const batch = await deps.store.withoutCard(afterId, SWEEP_BATCH);
      if (batch.length === 0) break;
      for (const id of batch) {
        afterId = id;
        const outcome = await post(id);
        if (outcome === "chat-refuses") {
          log.warn({ tipId: id, posted, refused, waiting: await deps.store.countWithoutCard() },
            "the editors' chat refuses tip cards; the rest wait for the next run");
          return;
        }
        if (outcome === "refused") refused.push(id);
        else posted++;
      }
    }
    if (refused.length > 0) log.warn({ posted, refused }, "Telegram refused some tip cards; the others were posted, these are tried again on the next run");
    else if (posted > 0) log.info({ posted }, "tip cards posted");
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
