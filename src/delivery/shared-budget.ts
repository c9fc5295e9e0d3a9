// The windows that several instances on one PostgreSQL share (issue 9, decision 010). The overall limits
// (the free window every lane takes from, the readers' own window, the paid ceiling) live in the database
// as grants logged by `habarshy_take_budget`: an instance asks for about 50 ms worth of messages at a time
// and keeps them, so most sends cost no round trip. A granted message has a life (20 ms on a calm machine):
// not sent within it, counted from the grant by the database's clock, it is dropped. The database counts
// each grant over the local window's span after the end of its life, so whatever instance sends it, and
// whenever within its life, the sends of all instances in any second stay within the limit; an instance
// that dies takes one life's worth of the budget with it. Each ms of life costs ~0.1% of the rate, but a
// life shorter than the time an answer takes to be read (a busy event loop) wastes whole grants: the life
// follows the slowest recent answers.
//
// Groups and channels get one shared lane each (`chat:<id>`: 20 a minute and one a second in one call), one
// round trip per send: they see a few sends a minute, and any instance may publish to the channel without
// waiting for another to go quiet. Readers' private chats need nothing shared: each recipient of a
// broadcast is claimed by one instance, and a private chat's updates are handled by one at a time.
import type { Logger } from "../logger.ts";

/** The shortest and the longest life of a grant (see the header). */
export const GRANT_TTL_MS = 20;
const MAX_TTL_MS = 250;
/**
 * A send to a group goes as soon as its grant arrives (its lane's grant is usually in stock): the shortest
 * life. A longer one would cost the channel's own rate: 100 ms is 10% of one message a second.
 */
const CHAT_TTL_MS = GRANT_TTL_MS;
/** how long one estimate of the database's clock is trusted before it is measured afresh (clock steps) */
const OFFSET_TRUST_MS = 10_000;
/** the part of a second one request asks for: fewer round trips against tokens left to expire */
const CHUNK_SHARE = 0.05;
/** at least this long between refused requests, so that waiting instances do not hammer the lane's row */
const MIN_RETRY_MS = 5;

export interface SharedStore {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  logger?: Logger;
}

interface Answer {
  granted: number;
  waitMs: number;
  grantedAt: number;
}

const TAKE = 'SELECT "granted", "waitMs", "grantedAt" FROM habarshy_take_budget($1, $2, $3, $4, $5, $6, $7, $8)';

/** A window the lane lies inside (the readers' share inside the free limit): granted from both at once. */
export interface OuterWindow {
  lane: string;
  max: () => number;
  spanMs: number;
}

/**
 * The database's clock as seen from here, erring late: a grant logged at database time `at` happened
 * between our asking and the answer, so the offset (database minus local) is at most `at - asked`; the
 * smallest such bound over recent answers is the tightest. Converting with it puts a grant no later than it
 * really was, so its expiry is never late. (The database's TIMESTAMP is in its session time zone: a
 * constant offset, absorbed here like any other.)
 */
export class DatabaseClock {
  private offset = 0;
  private since = -Infinity;
  constructor(private readonly now: () => number) {}

  /** local time of a grant the database logged at `at`, having been asked at local `asked` */
  grantTime(at: number, asked: number): number {
    const bound = at - asked + 1; // +1: the database keeps milliseconds, truncated
    const t = this.now();
    if (t - this.since > OFFSET_TRUST_MS) {
      this.offset = bound;
      this.since = t;
    } else this.offset = Math.min(this.offset, bound);
    return at - this.offset;
  }
}

/** Grants of one lane held by this instance: their expiry times, oldest first. */
export class SharedWindow {
  private stock: number[] = [];
  private asking: Promise<void> | null = null;
  private retryAt = 0;
  /** the slowest recent answer: ms from the grant until its messages were here to take */
  private lag = 0;
  constructor(
    private readonly store: SharedStore,
    private readonly clock: DatabaseClock,
    readonly lane: string,
    /** messages all instances together may send within the local window's span (may shrink: LaneBackoff) */
    private readonly max: () => number,
    /** the local window's span: the database counts a grant for this long after its life ends */
    private readonly spanMs: number,
    private readonly now: () => number,
    private readonly outer?: OuterWindow,
  ) {}

  /** Resolves with the expiry of one granted message, now this instance's to send; `demand` sizes the ask. */
  async take(demand: number): Promise<number> {
    for (;;) {
      const t = this.now();
      while (this.stock.length > 0 && this.stock[0]! <= t) this.stock.shift();
      if (this.stock.length > 0) return this.stock.shift()!;
      await (this.asking ??= this.ask(demand).finally(() => (this.asking = null)));
    }
  }

  /** A message taken but not sent (its chat was not free yet): usable until it expires. */
  giveBack(expiry: number): void {
    if (expiry <= this.now()) return;
    const at = this.stock.findIndex((other) => other > expiry);
    this.stock.splice(at < 0 ? this.stock.length : at, 0, expiry);
  }

  /** Telegram said 429 for the whole lane: every instance waits (the database refuses grants until then). */
  async pause(seconds: number): Promise<void> {
    this.stock = [];
    await pauseLane(this.store, this.lane, seconds);
  }

  private async ask(demand: number): Promise<void> {
    const wait = this.retryAt - this.now();
    if (wait > 0) await sleep(wait);
    const max = Math.max(1, this.max());
    const want = Math.min(Math.max(1, demand), Math.max(1, Math.ceil(max * CHUNK_SHARE)));
    const outer = this.outer ? [Math.max(1, this.outer.max()), this.outer.spanMs, this.outer.lane] : [null, null, null];
    const ttl = Math.min(MAX_TTL_MS, Math.max(GRANT_TTL_MS, Math.ceil(2 * this.lag + 5)));
    const asked = this.now();
    const [answer] = await this.store.query<Answer>(TAKE, [this.lane, want, max, this.spanMs, ...outer, ttl]);
    const granted = answer?.granted ?? 0;
    if (granted > 0) {
      const grantedAt = this.clock.grantTime(answer!.grantedAt, asked);
      // Lag grows at once and fades slowly: one slow answer says more about the next than ten quick ones.
      this.lag = Math.max(this.now() - grantedAt, this.lag * 0.9);
      for (let i = 0; i < granted; i++) this.stock.push(grantedAt + ttl);
    } else this.retryAt = this.now() + Math.max(MIN_RETRY_MS, answer?.waitMs ?? 0);
  }
}

export interface ChatWindows {
  perSecond: { max: number; spanMs: number };
  perMinute: { max: number; spanMs: number };
}

/** One send to a group or channel, if every instance's sends to it leave room: 0, or ms to wait. */
export async function takeChatSend(store: SharedStore, chatId: string | number, windows: ChatWindows): Promise<number> {
  const [answer] = await store.query<Answer>(TAKE, [
    chatLane(chatId), 1, windows.perMinute.max, windows.perMinute.spanMs, windows.perSecond.max, windows.perSecond.spanMs, null, CHAT_TTL_MS,
  ]);
  return answer && answer.granted > 0 ? 0 : Math.max(MIN_RETRY_MS, answer?.waitMs ?? 0);
}

export function chatLane(chatId: string | number): string {
  return `chat:${chatId}`;
}

export async function pauseLane(store: SharedStore, lane: string, seconds: number): Promise<void> {
  await store.query(
    `INSERT INTO "SendLane" ("lane", "pausedUntil") VALUES ($1, clock_timestamp() + make_interval(secs => $2))
     ON CONFLICT ("lane") DO UPDATE SET "pausedUntil" = GREATEST(COALESCE("SendLane"."pausedUntil", EXCLUDED."pausedUntil"), EXCLUDED."pausedUntil")`,
    [lane, seconds],
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
