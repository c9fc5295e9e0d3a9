/**
 * Trouble on demand. `failNext` entries are one-shot (or `times`-shot) and matched in the
 * order they were added; the rate limiter mimics Telegram's flood control with sliding
 * windows and answers 429 with an integer `retry_after`, rounded up as Telegram does.
 */
import { errors, type FakeError } from "./errors.ts";
import { normalizeChatId } from "./chat-state.ts";

export interface FailRule { method?: string; chatId?: number | string; times?: number; error: FakeError }
/**
 * Telegram's flood control. `globalPerSecond` is the free overall limit (about 30): every send counts in it
 * except those with `allow_paid_broadcast`, which count only in `paidPerSecond` (Telegram allows up to
 * 1,000 a second that way, billed in Stars); `paidPerSecond` counts every send.
 */
export interface RateLimits { perChatPerMinute?: number; perChatPerSecond?: number; globalPerSecond?: number; paidPerSecond?: number }

export class FailQueue {
  private rules: Array<FailRule & { left: number }> = [];

  add(rule: FailRule): void {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
  }

  /** The error to answer this call with, consuming one use of the first matching rule. */
  take(method: string, chatId: unknown): FakeError | undefined {
    const chat = normalizeChatId(chatId);
    const i = this.rules.findIndex((r) =>
      (r.method === undefined || r.method.toLowerCase() === method.toLowerCase()) &&
      (r.chatId === undefined || normalizeChatId(r.chatId) === chat));
    const rule = this.rules[i];
    if (!rule) return undefined;
    if (--rule.left <= 0) this.rules.splice(i, 1);
    return rule.error;
  }

  clear(): void {
    this.rules = [];
  }
}

/** Timestamps of accepted sends inside the longest window; old ones are dropped from the front. */
class Window {
  private stamps: number[] = [];
  private head = 0;

  prune(now: number, spanMs: number): void {
    while (this.head < this.stamps.length && (this.stamps[this.head] ?? 0) <= now - spanMs) this.head++;
    if (this.head > 256 && this.head * 2 > this.stamps.length) {
      this.stamps = this.stamps.slice(this.head);
      this.head = 0;
    }
  }

  /** Ms until a slot frees up if `limit` sends already happened within `spanMs`, else 0. */
  waitMs(now: number, spanMs: number, limit: number): number {
    let inWindow = 0;
    for (let i = this.stamps.length - 1; i >= this.head; i--) {
      if ((this.stamps[i] ?? 0) <= now - spanMs) break;
      if (++inWindow >= limit) return (this.stamps[i] ?? 0) + spanMs - now;
    }
    return 0;
  }

  add(now: number): void {
    this.stamps.push(now);
  }
}

export class RateLimiter {
  violations = 0;
  private limits: RateLimits | null = null;
  private readonly perChat = new Map<string, Window>();
  /** sends counted against the free overall limit (all but paid broadcasts) */
  private global = new Window();
  /** every send, against the paid ceiling */
  private total = new Window();
  /** accepted sends with allow_paid_broadcast (what the newsroom is billed for, roughly) */
  paidSends = 0;

  configure(limits: RateLimits | null): void {
    this.limits = limits;
    this.perChat.clear();
    this.global = new Window();
    this.total = new Window();
    this.paidSends = 0;
  }

  /** Records an accepted send, or returns the 429 to answer with. */
  check(chatId: unknown, now: number, paid = false): FakeError | undefined {
    const l = this.limits;
    if (!l) return undefined;
    const key = String(normalizeChatId(chatId) ?? "");
    let chat = this.perChat.get(key);
    if (!chat) this.perChat.set(key, (chat = new Window()));
    chat.prune(now, l.perChatPerMinute ? 60_000 : 1000);
    this.global.prune(now, 1000);
    this.total.prune(now, 1000);
    const wait = Math.max(
      l.perChatPerMinute ? chat.waitMs(now, 60_000, l.perChatPerMinute) : 0,
      l.perChatPerSecond ? chat.waitMs(now, 1000, l.perChatPerSecond) : 0,
      l.globalPerSecond && !paid ? this.global.waitMs(now, 1000, l.globalPerSecond) : 0,
      l.paidPerSecond ? this.total.waitMs(now, 1000, l.paidPerSecond) : 0,
    );
    if (wait > 0) {
      this.violations++;
      return errors.tooManyRequests(wait / 1000);
    }
    chat.add(now);
    if (!paid) this.global.add(now);
    else this.paidSends++;
    this.total.add(now);
    return undefined;
  }
}
