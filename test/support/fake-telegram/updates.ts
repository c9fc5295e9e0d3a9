/**
 * The bot's inbox. Updates wait in a queue for getUpdates (long polling with offset
 * confirmation, like Telegram) or are POSTed to the webhook, at most `max_connections`
 * at a time. "Idle" means every pushed update was confirmed by a later getUpdates offset
 * or answered 2xx by the webhook — for grammY's `bot.start()` and `webhookCallback` that
 * is after the handlers ran.
 */
import { TelegramError } from "./errors.ts";

export type Update = Record<string, unknown> & { update_id: number };

// Telegram's default when allowed_updates was never set.
const NOT_DELIVERED_BY_DEFAULT = new Set(["chat_member", "message_reaction", "message_reaction_count"]);
const WEBHOOK_ATTEMPTS = 3;

export interface WebhookConfig { url: string; secret_token?: string; max_connections: number; allowed_updates?: string[] }
export interface WebhookFailure { update_id: number; status?: number; error: string }

interface PollWaiter { wake: () => void; fail: (e: TelegramError) => void }

export class UpdateHub {
  private nextId = 1;
  private queue: Update[] = [];
  private head = 0; // queue[head..] are unconfirmed; the prefix is garbage awaiting compaction
  private waiter: PollWaiter | undefined;
  private idleWaiters: Array<() => void> = [];
  private webhookQueue: Update[] = [];
  private webhookHead = 0;
  private inFlight = 0;
  allowedUpdates: string[] | undefined;
  webhook: WebhookConfig | undefined;
  readonly webhookFailures: WebhookFailure[] = [];
  /**
   * Like Telegram with a consumer that died mid long poll: its getUpdates stays open until its timeout
   * although the client is gone, and a getUpdates arriving meanwhile is answered 409 (the newcomer, not
   * the held one, is refused). Off by default: then a newer poll ends the older one with 409.
   */
  holdAbandonedPolls = false;
  private abandoned: { until: number } | undefined;
  /** Called for every pushed update, e.g. to remember callback query ids. */
  onPush: (u: Update) => void = () => {};

  push(update: Record<string, unknown>): number {
    const full = { ...update, update_id: this.nextId++ } as Update;
    this.onPush(full);
    if (this.webhook) {
      this.webhookQueue.push(full);
      this.pumpWebhook();
    } else {
      this.queue.push(full);
      this.waiter?.wake();
    }
    return full.update_id;
  }

  get pending(): number {
    return this.queue.length - this.head + (this.webhookQueue.length - this.webhookHead) + this.inFlight;
  }

  /** getUpdates: confirm by offset, then answer now or hold until an update, the timeout or `signal`. */
  async getUpdates(p: { offset?: number; limit?: number; timeout?: number; allowed_updates?: string[] }, signal: AbortSignal): Promise<Update[]> {
    if (this.webhook) {
      throw new TelegramError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    if (this.holdAbandonedPolls && (this.waiter || (this.abandoned && Date.now() < this.abandoned.until))) {
      throw new TelegramError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
    }
    // A newer long poll ends the older one, which is how Telegram reports two running bot instances.
    this.waiter?.fail(new TelegramError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"));
    if (p.allowed_updates) this.allowedUpdates = p.allowed_updates;
    this.confirm(p.offset);
    const deadline = Date.now() + Math.max(0, p.timeout ?? 0) * 1000;
    for (;;) {
      const batch = this.take(Math.min(100, Math.max(1, p.limit ?? 100)));
      if (batch.length > 0 || Date.now() >= deadline || signal.aborted) return batch;
      await new Promise<void>((resolve, reject) => {
        const done = () => { clearTimeout(timer); signal.removeEventListener("abort", abandon); this.waiter = undefined; resolve(); };
        // The client went away: with holdAbandonedPolls the poll counts as open until its deadline, taking nothing.
        const abandon = () => {
          if (this.holdAbandonedPolls) this.abandoned = { until: deadline };
          done();
        };
        const timer = setTimeout(done, deadline - Date.now());
        signal.addEventListener("abort", abandon);
        this.waiter = { wake: done, fail: (e) => { done(); reject(e); } };
      });
    }
  }

  private confirm(offset: number | undefined): void {
    if (offset === undefined) return;
    if (offset < 0) this.head = Math.max(this.head, this.queue.length + offset); // -N keeps the last N
    while (this.head < this.queue.length && (this.queue[this.head]?.update_id ?? 0) < offset) this.head++;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.checkIdle();
  }

  /** Unconfirmed updates from the head, dropping (and thus consuming) the ones not allowed. */
  private take(limit: number): Update[] {
    const out: Update[] = [];
    for (let i = this.head; i < this.queue.length && out.length < limit; i++) {
      const u = this.queue[i] as Update;
      if (this.allowed(u)) out.push(u);
      else if (i === this.head) this.head++;
    }
    this.checkIdle();
    return out;
  }

  private allowed(u: Update): boolean {
    const type = Object.keys(u).find((k) => k !== "update_id") ?? "";
    const allowed = this.webhook?.allowed_updates ?? this.allowedUpdates;
    return allowed && allowed.length > 0 ? allowed.includes(type) : !NOT_DELIVERED_BY_DEFAULT.has(type);
  }

  setWebhook(config: WebhookConfig, dropPending: boolean): void {
    this.webhook = config;
    const waiting = this.queue.slice(this.head);
    this.queue = [];
    this.head = 0;
    if (!dropPending) this.webhookQueue.push(...waiting);
    this.waiter?.fail(new TelegramError(409, "Conflict: terminated by setWebhook request"));
    this.pumpWebhook();
    this.checkIdle();
  }

  deleteWebhook(dropPending: boolean): void {
    this.webhook = undefined;
    const undelivered = this.webhookQueue.slice(this.webhookHead);
    this.webhookQueue = [];
    this.webhookHead = 0;
    if (dropPending) {
      this.queue = [];
      this.head = 0;
    } else {
      this.queue.push(...undelivered);
    }
    this.checkIdle();
  }

  private pumpWebhook(): void {
    while (this.webhook && this.inFlight < this.webhook.max_connections && this.webhookHead < this.webhookQueue.length) {
      const u = this.webhookQueue[this.webhookHead++] as Update;
      if (this.webhookHead > 1024 && this.webhookHead * 2 > this.webhookQueue.length) {
        this.webhookQueue = this.webhookQueue.slice(this.webhookHead);
        this.webhookHead = 0;
      }
      if (!this.allowed(u)) continue;
      this.inFlight++;
      void this.deliver(u, this.webhook).finally(() => {
        this.inFlight--;
        this.pumpWebhook();
        this.checkIdle();
      });
    }
  }

  /** Telegram retries failed deliveries; after a few attempts the fake records the failure and moves on. */
  private async deliver(u: Update, hook: WebhookConfig): Promise<void> {
    let last: WebhookFailure = { update_id: u.update_id, error: "not attempted" };
    for (let attempt = 1; attempt <= WEBHOOK_ATTEMPTS; attempt++) {
      try {
        const res = await fetch(hook.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(hook.secret_token ? { "x-telegram-bot-api-secret-token": hook.secret_token } : {}),
          },
          body: JSON.stringify(u),
        });
        await res.arrayBuffer();
        if (res.ok) return;
        last = { update_id: u.update_id, status: res.status, error: `Wrong response from the webhook: ${res.status} ${res.statusText}` };
      } catch (e) {
        last = { update_id: u.update_id, error: String(e) };
      }
      await new Promise((r) => setTimeout(r, 20 * attempt));
    }
    this.webhookFailures.push(last);
  }

  waitForIdle(timeoutMs: number): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((w) => w !== done);
        reject(new Error(`fake Telegram: ${this.pending} pushed update(s) still not consumed after ${timeoutMs}ms ` +
          `(${this.webhook ? `webhook ${this.webhook.url}` : "nobody confirmed them with getUpdates"})`));
      }, timeoutMs);
      const done = () => { clearTimeout(timer); resolve(); };
      this.idleWaiters.push(done);
    });
  }

  private checkIdle(): void {
    if (this.pending !== 0 || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  reset(): void {
    this.holdAbandonedPolls = false;
    this.abandoned = undefined;
    this.queue = [];
    this.head = 0;
    this.webhookQueue = [];
    this.webhookHead = 0;
    this.webhookFailures.length = 0;
    this.checkIdle();
  }
}
