// Keeps the bot inside Telegram's flood limits before Telegram has to say 429: about one message a second
// per chat, 20 a minute per group or channel, about 30 a second overall, and — for broadcasts paid with
// `allow_paid_broadcast` — up to 1,000 a second. Installed as a grammY API transformer, so every send
// shares one budget. Two lanes:
//   default — channel posts, poll copies, tip cards, replies: the free overall window;
//   readers — broadcasts to readers' private chats (the broadcasts' own Api): their own window of
//             BROADCAST_PER_SECOND inside the free overall one, so channel posts always keep the rest;
//             with PAID_BROADCAST they leave the free window alone and take from the paid ceiling only.
// A 429 that still comes back pauses that chat (and, for a broadcast, the whole readers' lane: Telegram's
// broadcast limit is overall) for `retry_after` seconds; auto-retry then repeats the call.
//
// The windows live in a `SendBudget`, in this process. Several instances on one PostgreSQL (issue 9) also
// take the overall windows and those of groups and channels from the database (shared-budget.ts); the
// local windows stay in front of them, so one instance alone behaves exactly as before.
import type { Transformer } from "grammy";
import { chatLane, DatabaseClock, pauseLane, SharedWindow, takeChatSend, type SharedStore } from "./shared-budget.ts";

/** Telegram's ceiling for paid broadcasts, messages a second overall. */
export const PAID_BROADCAST_PER_SECOND = 1000;

export interface RateLimits {
  perChatPerSecond: number;
  perGroupPerMinute: number;
  /** the free overall limit: every send takes from it except paid broadcasts */
  globalPerSecond: number;
  /** the readers' lane: its share of `globalPerSecond`, or (paid) up to PAID_BROADCAST_PER_SECOND */
  readers?: { perSecond: number; paid: boolean };
}

export type Lane = "default" | "readers";

/** Where the windows live: in this process today, in a shared store later. */
export interface SendBudget {
  /** resolves when one more message may go to this chat in this lane (the slot is then taken) */
  acquire(chatId: string | number, lane: Lane): Promise<void>;
  /** Telegram said 429: nothing more to this chat, or through this lane, for `seconds` */
  pause(scope: { chatId: string | number } | { lane: Lane }, seconds: number): void;
  isPaused(chatId: string | number): boolean;
  /** budgets held in memory (for the test that idle chats are forgotten) */
  trackedChats(): number;
}

export interface RateLimiter {
  /** for bot.api: every send in the default lane */
  transformer: Transformer;
  /** for the broadcasts' Api: sends to readers in the readers' lane */
  readersTransformer: Transformer;
  /** Called for a 429 seen elsewhere; also done automatically for calls through the transformers. */
  pause(chatId: string | number, seconds: number): void;
  /** Chats that may not send right now (paused by a 429), for the worker to skip. */
  isPaused(chatId: string | number): boolean;
  /** messages a second the readers' lane may send (what a broadcast can reach at best) */
  readersPerSecond: number;
  /** how many chats have a budget in memory (idle ones are forgotten) */
  trackedChats(): number;
}

const SENDING_METHODS = new Set([
  "sendMessage", "sendPhoto", "sendVideo", "sendDocument", "sendAudio", "sendVoice", "sendAnimation",
  "sendMediaGroup", "sendLocation", "sendPoll", "sendContact", "copyMessage", "copyMessages", "forwardMessage",
  "forwardMessages", "editMessageText", "editMessageCaption", "editMessageMedia", "editMessageReplyMarkup", "stopPoll",
]);
/** Deleting a withdrawn alert in 100,000 private chats is a flood of its own: counted in the readers' lane. */
const READERS_METHODS = new Set([...SENDING_METHODS, "deleteMessage"]);

export function isGroupLike(chatId: string | number): boolean {
  return typeof chatId === "string" ? !/^\d+$/.test(chatId) : chatId < 0;
}

/** `shared`: the cluster's store when several instances share the database (SQLite: none, all in memory). */
export function createRateLimiter(limits: RateLimits, now: () => number = Date.now, shared?: SharedStore): RateLimiter {
  const budget = createMemoryBudget(limits, now, shared);
  const readers = limits.readers ?? { perSecond: limits.globalPerSecond, paid: false };

  const transformerFor = (lane: Lane, methods: Set<string>): Transformer => async (prev, method, payload, signal) => {
    const chatId = (payload as { chat_id?: string | number } | undefined)?.chat_id;
    if (!methods.has(method) || chatId === undefined) return prev(method, payload, signal);
    await budget.acquire(chatId, lane);
    const result = await prev(method, payload, signal);
    if (!result.ok && result.error_code === 429 && result.parameters?.retry_after) {
      budget.pause({ chatId }, result.parameters.retry_after);
      if (lane === "readers") budget.pause({ lane }, result.parameters.retry_after);
    }
    return result;
  };

  return {
    transformer: transformerFor("default", SENDING_METHODS),
    readersTransformer: transformerFor("readers", READERS_METHODS),
    pause: (chatId, seconds) => budget.pause({ chatId }, seconds),
    isPaused: (chatId) => budget.isPaused(chatId),
    readersPerSecond: readers.paid ? PAID_BROADCAST_PER_SECOND : Math.min(readers.perSecond, limits.globalPerSecond),
    trackedChats: () => budget.trackedChats(),
  };
}

/**
 * Sliding-window log in a ring: the times of the last `max` sends within `span` ms. The span gets a small
 * margin because Telegram counts arrivals, not departures: two requests leaving 1000 ms apart can arrive
 * 990 ms apart, and that is a 429 costing a whole second.
 */
class SlidingWindow {
  // A ring that grows to `max` only when that many sends are in the window: most chats see one or two.
  private times = new Float64Array(4);
  private head = 0;
  private count = 0;
  readonly span: number;
  max: number;
  constructor(span: number, readonly nominal: number, marginMs = 25) {
    this.span = Math.round(span * 1.01) + marginMs;
    this.max = nominal;
  }

  /** Lets `share` (0–1) of the nominal count through (see LaneBackoff). */
  setShare(share: number): void {
    this.max = Math.max(1, Math.floor(this.nominal * share));
  }

  /** ms to wait before one more send is allowed (0 = now). */
  wait(now: number): number {
    const size = this.times.length;
    while (this.count > 0 && this.times[this.head]! <= now - this.span) {
      this.head = (this.head + 1) % size;
      this.count--;
    }
    return this.count < this.max ? 0 : this.times[this.head]! + this.span - now;
  }

  take(now: number): void {
    if (this.count === this.times.length) {
      const grown = new Float64Array(Math.min(Math.max(this.nominal, this.count + 1), this.times.length * 2) || 1);
      for (let i = 0; i < this.count; i++) grown[i] = this.times[(this.head + i) % this.times.length]!;
      this.times = grown;
      this.head = 0;
    }
    this.times[(this.head + this.count) % this.times.length] = now;
    this.count++;
  }

  get empty(): boolean {
    return this.count === 0;
  }
}

/** A FIFO turnstile over some windows: callers pass one at a time, in order, when every window has room. */
class Gate {
  pausedUntil = 0;
  waiting = 0;
  private tail: Promise<void> = Promise.resolve();
  constructor(readonly windows: SlidingWindow[], private readonly now: () => number) {}

  /**
   * `then` runs after this gate has room and before its windows count the send, with the turnstile still
   * held: a chat's send that waits for the overall limit is counted when it leaves, not when it queued.
   * Counted early, it would look older than it is, and the chat's next sends would follow it too closely
   * (Telegram: 429).
   */
  pass(then?: () => Promise<void>): Promise<void> {
    this.waiting++;
    const turn = this.tail.then(async () => {
      for (;;) {
        const t = this.now();
        let wait = this.pausedUntil - t;
        for (const window of this.windows) wait = Math.max(wait, window.wait(t));
        if (wait <= 0) break;
        await sleep(wait);
      }
      if (then) await then();
      const t = this.now();
      for (const window of this.windows) window.take(t);
    }).finally(() => void this.waiting--);
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  idle(now: number): boolean {
    return this.waiting === 0 && this.pausedUntil <= now && this.windows.every((w) => w.wait(now) === 0 && w.empty);
  }
}

/**
 * A 429 that comes despite our pacing means arrivals were bunched on the way (a garbage-collection pause
 * here or there, the network): the windows count departures, Telegram counts arrivals. Rather than pay a
 * whole `retry_after` again and again, the lane steps its rate down 3% per 429 (to 90% at most) and climbs
 * back 1% for every 30 s without one.
 */
class LaneBackoff {
  private share = 1;
  private calmSince: number;
  constructor(private readonly windows: SlidingWindow[], private readonly now: () => number) {
    this.calmSince = now();
  }

  tighten(): void {
    // The 429s of one bunch arrive together: one step for them all.
    if (this.now() - this.calmSince < 1000 && this.share < 1) return;
    this.share = Math.max(0.9, this.share * 0.97);
    this.calmSince = this.now();
    for (const window of this.windows) window.setShare(this.share);
  }

  relax(): void {
    if (this.share >= 1 || this.now() - this.calmSince < 30_000) return;
    this.share = Math.min(1, this.share + 0.01);
    this.calmSince = this.now();
    for (const window of this.windows) window.setShare(this.share);
  }
}

function createMemoryBudget(limits: RateLimits, now: () => number, shared?: SharedStore): SendBudget {
  const readers = limits.readers ?? { perSecond: limits.globalPerSecond, paid: false };
  const free = new SlidingWindow(1000, Math.max(1, Math.floor(limits.globalPerSecond)));
  // The paid ceiling is a high rate: its window gets a smaller margin and a 100 ms companion that spreads
  // the sends over the second. Without it a whole second's worth leaves in a burst, arrives bunched, and a
  // few of the next second's sends land inside Telegram's window: 429s that each cost the lane a second.
  const paidCeiling = new SlidingWindow(1000, PAID_BROADCAST_PER_SECOND, 10);
  const paidSmooth = new SlidingWindow(100, PAID_BROADCAST_PER_SECOND / 10, 2);
  const readersOwn = readers.paid
    ? paidCeiling
    : new SlidingWindow(1000, Math.max(1, Math.floor(Math.min(readers.perSecond, limits.globalPerSecond))));
  const lanes: Record<Lane, Gate[]> = {
    default: [new Gate([free, paidCeiling], now)],
    readers: readers.paid
      ? [new Gate([paidCeiling, paidSmooth], now)]
      // Own window first, then the free one shared with the default lane: readers never take more than
      // their share of it, whatever is queued.
      : [new Gate([readersOwn], now), new Gate([free, paidCeiling], now)],
  };
  const backoff: Record<Lane, LaneBackoff> = {
    default: new LaneBackoff([], now),
    readers: new LaneBackoff(lanes.readers[0]!.windows, now),
  };
  const sharedLanes = shared ? createSharedLanes(shared, lanes, { free, readersOwn, paid: readers.paid }, now) : undefined;
  // A broadcast meets 100,000 private chats once each, and every citizen who writes to the bot gets a
  // budget: those of idle chats (nothing waiting, no pause, nothing left in a window — the same as a new
  // one) are dropped once a second, or the map keeps every reader forever.
  const chats = new Map<string, Gate>();
  let sweptAt = now();

  const chatGate = (chatId: string | number): Gate => {
    const key = String(chatId);
    let gate = chats.get(key);
    if (!gate) {
      sweep();
      const perSecond = new SlidingWindow(1000, Math.max(1, Math.floor(limits.perChatPerSecond)));
      gate = new Gate(isGroupLike(chatId)
        ? [perSecond, new SlidingWindow(60_000, Math.max(1, Math.floor(limits.perGroupPerMinute)))]
        : [perSecond], now);
      chats.set(key, gate);
    }
    return gate;
  };

  function sweep(): void {
    const t = now();
    if (t - sweptAt < 1000) return;
    sweptAt = t;
    for (const [key, gate] of chats) if (gate.idle(t)) chats.delete(key);
  }

  return {
    async acquire(chatId, lane) {
      backoff[lane].relax();
      const gate = chatGate(chatId);
      if (!sharedLanes) {
        await gate.pass(async () => {
          for (const laneGate of lanes[lane]) await laneGate.pass();
        });
        return;
      }
      // Shared: the lane's grants first, then (groups and channels) the chat's own shared windows, all
      // with this chat's turnstile held so that its sends keep their order. A chat another instance has
      // just written to gives its grants back and waits.
      await gate.pass(async () => {
        for (;;) {
          const taken = await sharedLanes.take(lane);
          if (!isGroupLike(chatId)) return;
          const [perSecond, perMinute] = gate.windows as [SlidingWindow, SlidingWindow];
          const wait = await takeChatSend(shared!, chatId, {
            perSecond: { max: perSecond.max, spanMs: perSecond.span }, perMinute: { max: perMinute.max, spanMs: perMinute.span },
          });
          if (wait === 0) return sharedLanes.refresh(taken);
          sharedLanes.giveBack(taken);
          await sleep(wait);
        }
      });
    },
    pause(scope, seconds) {
      const until = now() + seconds * 1000;
      const gates = "lane" in scope ? lanes[scope.lane].slice(0, 1) : [chatGate(scope.chatId)];
      for (const gate of gates) gate.pausedUntil = Math.max(gate.pausedUntil, until);
      if ("lane" in scope) backoff[scope.lane].tighten();
      if (!shared) return;
      // Telegram's answer holds for every instance: the database refuses their grants until then.
      const done = "lane" in scope
        ? sharedLanes!.pause(scope.lane, seconds)
        : isGroupLike(scope.chatId) ? pauseLane(shared, chatLane(scope.chatId), seconds) : undefined;
      done?.catch((err: unknown) => shared.logger?.error({ err }, "could not share a 429 pause with the other instances"));
    },
    isPaused: (chatId) => (chats.get(String(chatId))?.pausedUntil ?? 0) > now(),
    trackedChats: () => chats.size,
  };
}

type Taken = Array<[SharedWindow, number]>;

interface SharedLanes {
  /** a grant from the lane's shared window, taken inside the lane's local gates, still good */
  take(lane: Lane): Promise<Taken>;
  /** replaces a grant that expired while waiting for something else (the chat's turn) */
  refresh(taken: Taken): Promise<void>;
  giveBack(taken: Taken): void;
  pause(lane: Lane, seconds: number): Promise<void>;
}

/**
 * The shared windows behind the local lane gates: "free" (every free send); "readers" (the readers' share,
 * granted together with the free limit it lies inside); "paid" (paid broadcasts, with PAID_BROADCAST: the
 * ceiling counts every send, so free grants are then logged in it too, as the local windows do).
 */
function createSharedLanes(
  store: SharedStore,
  lanes: Record<Lane, Gate[]>,
  windows: { free: SlidingWindow; readersOwn: SlidingWindow; paid: boolean },
  now: () => number,
): SharedLanes {
  const clock = new DatabaseClock(now);
  const { free: freeWindow, readersOwn } = windows;
  const free = new SharedWindow(store, clock, "free", () => freeWindow.max, freeWindow.span, now,
    windows.paid ? { lane: "paid", max: () => readersOwn.max, spanMs: readersOwn.span } : undefined);
  const readers = windows.paid
    ? new SharedWindow(store, clock, "paid", () => readersOwn.max, readersOwn.span, now)
    : new SharedWindow(store, clock, "readers", () => readersOwn.max, readersOwn.span, now, { lane: "free", max: () => freeWindow.max, spanMs: freeWindow.span });
  const shared: Record<Lane, SharedWindow> = { default: free, readers };
  const refresh = async (taken: Taken): Promise<void> => {
    const expired = () => taken.filter(([, expiry]) => expiry <= now());
    for (let stale = expired(); stale.length > 0; stale = expired()) {
      for (const entry of stale) entry[1] = await entry[0].take(1);
    }
  };
  return {
    async take(lane) {
      const taken: Taken = [];
      const gates = lanes[lane];
      for (const [i, gate] of gates.entries()) {
        // The grant is taken in the last local gate, the one whose turnstile the lane's senders queue at.
        await gate.pass(i < gates.length - 1 ? undefined : async () => void taken.push([shared[lane], await shared[lane].take(gate.waiting)]));
      }
      return taken;
    },
    refresh,
    giveBack: (taken) => {
      for (const [window, expiry] of taken) window.giveBack(expiry);
    },
    pause: (lane, seconds) => shared[lane].pause(seconds),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
