// Keeps the bot inside Telegram's flood limits before Telegram has to say 429: about one message a second
// per chat, 20 a minute per group or channel, and about 30 a second overall. Installed as a grammY API
// transformer, so every send — channel posts, poll copies, tip cards, replies — shares one budget.
// A 429 that still comes back pauses that chat for `retry_after` seconds (auto-retry then repeats the call).
import type { Transformer } from "grammy";

export interface RateLimits {
  perChatPerSecond: number;
  perGroupPerMinute: number;
  globalPerSecond: number;
}

interface Window {
  span: number;
  max: number;
}

/**
 * Sliding-window log: the times of the last `max` sends within `span` ms. The span gets a small margin
 * because Telegram counts arrivals, not departures: two requests leaving 1000 ms apart can arrive 990 ms
 * apart, and that is a 429 costing a whole second.
 */
class SlidingWindow {
  private readonly times: number[] = [];
  private readonly window: Window;
  constructor(window: Window) {
    this.window = { ...window, span: Math.round(window.span * 1.01) + 25 };
  }

  /** ms to wait before one more send is allowed (0 = now). */
  wait(now: number): number {
    while (this.times.length > 0 && this.times[0]! <= now - this.window.span) this.times.shift();
    return this.times.length < this.window.max ? 0 : this.times[0]! + this.window.span - now;
  }

  take(now: number): void {
    this.times.push(now);
  }

  /** No send of ours is left inside the window at `now`. */
  isEmpty(now: number): boolean {
    return this.wait(now) === 0 && this.times.length === 0;
  }
}

class ChatBudget {
  readonly windows: SlidingWindow[];
  pausedUntil = 0;
  /** serialises sends to one chat so the windows see them in order */
  tail: Promise<void> = Promise.resolve();
  /** sends waiting for or holding this budget */
  active = 0;
  constructor(windows: Window[]) {
    this.windows = windows.map((w) => new SlidingWindow(w));
  }
}

const SENDING_METHODS = new Set([
  "sendMessage", "sendPhoto", "sendVideo", "sendDocument", "sendAudio", "sendVoice", "sendAnimation",
  "sendMediaGroup", "sendLocation", "sendPoll", "sendContact", "copyMessage", "copyMessages", "forwardMessage",
  "forwardMessages", "editMessageText", "editMessageCaption", "editMessageMedia", "editMessageReplyMarkup", "stopPoll",
]);

export function isGroupLike(chatId: string | number): boolean {
  return typeof chatId === "string" ? !/^\d+$/.test(chatId) : chatId < 0;
}

export interface RateLimiter {
  transformer: Transformer;
  /** Called for a 429 seen elsewhere; also done automatically for calls through the transformer. */
  pause(chatId: string | number, seconds: number): void;
  /** Chats that may not send right now (paused by a 429), for the worker to skip. */
  isPaused(chatId: string | number): boolean;
  /** How many chats have a budget in memory (idle ones are forgotten). */
  trackedChats(): number;
}

/** How often idle budgets are looked for: a reader's chat is idle a second after its last message. */
const SWEEP_EVERY_MS = 1000;

export function createRateLimiter(limits: RateLimits, now: () => number = Date.now): RateLimiter {
  const chats = new Map<string, ChatBudget>();
  const global = new SlidingWindow({ span: 1000, max: limits.globalPerSecond });
  let globalTail: Promise<void> = Promise.resolve();
  let sweptAt = now();

  /**
   * Forgets chats with nothing waiting, no pause and no send left in any window: such a budget is the
   * same as a new one. Without this every citizen who ever wrote to the bot stays in memory for good.
   */
  function forgetIdle(t: number): void {
    sweptAt = t;
    for (const [key, budget] of chats) {
      if (budget.active === 0 && budget.pausedUntil <= t && budget.windows.every((w) => w.isEmpty(t))) chats.delete(key);
    }
  }

  const budgetOf = (chatId: string | number) => {
    if (now() - sweptAt >= SWEEP_EVERY_MS) forgetIdle(now());
    const key = String(chatId);
    let budget = chats.get(key);
    if (!budget) {
      const perSecond = { span: 1000, max: Math.max(1, Math.floor(limits.perChatPerSecond)) };
      budget = new ChatBudget(isGroupLike(chatId)
        ? [perSecond, { span: 60_000, max: Math.max(1, Math.floor(limits.perGroupPerMinute)) }]
        : [perSecond]);
      chats.set(key, budget);
    }
    return budget;
  };

  async function acquire(budget: ChatBudget): Promise<void> {
    for (;;) {
      const t = now();
      const wait = Math.max(budget.pausedUntil - t, ...budget.windows.map((w) => w.wait(t)));
      if (wait <= 0) break;
      await sleep(wait);
    }
    // The global window is shared by all chats: take turns on it. The chat's windows count the send when
    // it leaves, after that turn: counted when it queued, a send held back by the global limit would look
    // older than it is, and the chat's next sends would follow it too closely (Telegram: 429).
    const turn = globalTail.then(async () => {
      for (let wait = global.wait(now()); wait > 0; wait = global.wait(now())) await sleep(wait);
      const at = now();
      global.take(at);
      budget.windows.forEach((w) => w.take(at));
    });
    globalTail = turn;
    await turn;
  }

  function pause(chatId: string | number, seconds: number) {
    const budget = budgetOf(chatId);
    budget.pausedUntil = Math.max(budget.pausedUntil, now() + seconds * 1000);
  }

  const transformer: Transformer = async (prev, method, payload, signal) => {
    const chatId = (payload as { chat_id?: string | number } | undefined)?.chat_id;
    if (!SENDING_METHODS.has(method) || chatId === undefined) return prev(method, payload, signal);
    const budget = budgetOf(chatId);
    budget.active++;
    try {
      const turn = budget.tail.then(() => acquire(budget));
      budget.tail = turn.catch(() => undefined);
      await turn;
      const result = await prev(method, payload, signal);
      if (!result.ok && result.error_code === 429 && result.parameters?.retry_after) {
        pause(chatId, result.parameters.retry_after);
      }
      return result;
    } finally {
      budget.active--;
    }
  };

  return { transformer, pause, isPaused: (chatId) => (chats.get(String(chatId))?.pausedUntil ?? 0) > now(), trackedChats: () => chats.size };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
