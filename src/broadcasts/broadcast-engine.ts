// The one engine behind breaking alerts, digests and editors' announcements. The outbox loop runs one lane
// per broadcast; each turn of a lane is a slice of work: start a queued broadcast (its audience becomes
// recipient rows in one statement), or send to its next readers, or delete a withdrawn alert's messages.
// Inside a slice, `concurrency` senders take claimed recipients from a small queue, the rate limiter under
// the readers' Api paces them, and every answer is recorded (group commit) before a sender moves on.
// Decision record 009 explains the choices and the remaining at-least-once window.
import type { Api } from "grammy";
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import type { Metrics } from "../metrics.ts";
import { createOutboxLoop, type OutboxLoop } from "../delivery/outbox-loop.ts";
import type { ClaimInstance } from "../delivery/claim-tokens.ts";
import { backoffMs, classify } from "../delivery/telegram-errors.ts";
import type { BroadcastRepository, BroadcastRow, ClaimedRecipient } from "./broadcast-repository.ts";
import type { Content, RecipientContent } from "./broadcast-content.ts";
import { audienceOf } from "./audience.ts";
import { createRecorder } from "./recorder.ts";

/** Telegram deletes a bot's message in a private chat only within 48 hours; we stop a little earlier. */
const DELETE_WINDOW_MS = 48 * 3_600_000 - 10 * 60_000;
const MAX_ATTEMPTS = 5;

export interface BroadcastEngineDeps {
  repo: BroadcastRepository;
  content: Content;
  /** the readers' Api: its rate limiter puts these sends in the readers' lane */
  api: Api;
  clock: Clock;
  logger: Logger;
  metrics?: Metrics;
  /** PAID_BROADCAST: pass allow_paid_broadcast */
  paid: boolean;
  /** messages a second the readers' lane allows: sizes the senders */
  perSecond: number;
  /** this instance: names its claims; a claim of an instance no longer live is taken over */
  instance: ClaimInstance;
  idlePollMs?: number;
  recoveryMs?: number;
  /** senders at once (default: a fifth of a second's worth, 4–200) */
  concurrency?: number;
  /** recipients claimed per statement */
  batchSize?: number;
  /** a lane gives the loop back after this long, so stop and cancel are prompt */
  sliceMs?: number;
  onFinished?: (broadcast: BroadcastRow) => void;
}

export interface BroadcastEngine extends Omit<OutboxLoop, "token"> {
  /** stop sending this broadcast's claimed recipients now (its pending ones were skipped by the service) */
  cancelled(id: number): void;
}

export function createBroadcastEngine(deps: BroadcastEngineDeps): BroadcastEngine {
  const { repo, clock } = deps;
  const log = deps.logger.child({ component: "broadcasts" });
  // Enough senders to keep the lane busy while answers take their round trip; the ones the limiter holds
  // back have sent nothing, so they do not widen the in-flight window.
  const concurrency = deps.concurrency ?? Math.min(200, Math.max(4, Math.ceil(deps.perSecond / 5)));
  const batchSize = deps.batchSize ?? Math.max(50, concurrency * 2);
  const sliceMs = deps.sliceMs ?? 2000;
  const idlePollMs = deps.idlePollMs ?? 1000;
  const recorder = createRecorder({ repo, clock, log });
  const cancelledIds = new Set<number>();
  /** broadcasts with nothing to do until then (retries waiting, another instance's claims) */
  const restUntil = new Map<number, number>();
  let stopping = false;

  async function start(broadcast: BroadcastRow): Promise<void> {
    const article = broadcast.articleId ? await repo.articleOf(broadcast.articleId) : null;
    const now = clock.now();
    if (broadcast.kind === "alert" && (!article || article.status !== "published" || !article.breaking)) {
      await repo.move(broadcast.id, ["queued"], { status: "cancelled", cancelledAt: now, finishedAt: now });
      log.info({ broadcastId: broadcast.id }, "alert not sent: the article is no longer breaking news");
      return;
    }
    const total = await repo.start(broadcast, audienceOf(broadcast, article), now);
    if (total !== null) log.info({ broadcastId: broadcast.id, kind: broadcast.kind, total }, "broadcast started");
  }

  async function send(broadcast: BroadcastRow, recipient: ClaimedRecipient, content: RecipientContent): Promise<void> {
    const token = recipient.claimToken!;
    const outcome = { id: recipient.id, token };
    const count = (result: string) => deps.metrics?.broadcastMessages.inc({ kind: broadcast.kind, outcome: result });
    if (stopping) return recorder.add("retry", { ...outcome, error: "stopped before sending", dueAt: clock.now() });
    if (cancelledIds.has(broadcast.id)) return recorder.add("skipped", { ...outcome, error: "cancelled" });
    if (!recipient.user.reachable) return recorder.add("blocked", { ...outcome, userId: recipient.userId, error: "blocked the bot earlier" });
    const message = await content(recipient);
    if (!message) {
      count("nothing_new");
      return recorder.add("skipped", { ...outcome, error: "nothing to send" });
    }
    try {
      const sent = await deps.api.sendMessage(recipient.chatId, message.text, {
        ...(message.html ? { parse_mode: "HTML" as const } : {}),
        ...(message.keyboard ? { reply_markup: message.keyboard } : {}),
        link_preview_options: { is_disabled: true },
        ...(deps.paid ? { allow_paid_broadcast: true } : {}),
      });
      count("sent");
      return recorder.add("sent", { ...outcome, messageId: sent.message_id });
    } catch (error) {
      const failure = classify(error);
      count(failure.kind);
      switch (failure.kind) {
        case "forbidden":
          // "bot was blocked by the user", "user is deactivated": never retried, the reader is marked now.
          return recorder.add("blocked", { ...outcome, userId: recipient.userId, error: failure.reason });
        case "rate-limited":
          // auto-retry waited already; the lane is paused by the limiter. Back in line after the wait.
          return recorder.add("retry", { ...outcome, error: "429", dueAt: new Date(clock.now().getTime() + failure.retryAfter * 1000) });
        case "transient":
          if (recipient.attempts < MAX_ATTEMPTS) {
            return recorder.add("retry", { ...outcome, error: failure.reason, dueAt: new Date(clock.now().getTime() + backoffMs(recipient.attempts)) });
          }
          return recorder.add("failed", { ...outcome, error: failure.reason });
        default:
          return recorder.add("failed", { ...outcome, error: "reason" in failure ? failure.reason : failure.kind });
      }
    }
  }

  /** Sends to claimed recipients until the slice ends; false when there was nobody to claim. */
  async function sendSlice(broadcast: BroadcastRow): Promise<boolean> {
    const article = broadcast.articleId ? await repo.articleOf(broadcast.articleId) : null;
    const content = await deps.content.forBroadcast(broadcast, article);
    const deadline = Date.now() + sliceMs;
    const queue: ClaimedRecipient[] = [];
    let exhausted = false;
    let claimedAny = false;
    let claiming: Promise<void> | null = null;

    const refill = (): Promise<void> => {
      claiming ??= (async () => {
        if (stopping || cancelledIds.has(broadcast.id) || Date.now() > deadline) {
          exhausted = true;
          return;
        }
        const rows = await repo.claim(broadcast.id, loop.token(), clock.now(), batchSize, broadcast.kind === "digest");
        if (rows.length === 0) exhausted = true;
        else claimedAny = true;
        queue.push(...rows);
      })().finally(() => {
        claiming = null;
      });
      return claiming;
    };

    const sender = async () => {
      for (;;) {
        if (queue.length < batchSize / 2 && !exhausted) {
          const more = refill();
          if (queue.length === 0) await more;
        }
        const recipient = queue.shift();
        if (!recipient) {
          if (exhausted && !claiming) return;
          if (claiming) await claiming;
          continue;
        }
        await send(broadcast, recipient, content);
      }
    };
    try {
      await Promise.all(Array.from({ length: concurrency }, sender));
    } finally {
      await recorder.flush();
    }
    return claimedAny;
  }

  async function finishIfDone(broadcast: BroadcastRow): Promise<void> {
    if ((await repo.unsettled(broadcast.id)) > 0) {
      restUntil.set(broadcast.id, Date.now() + idlePollMs);
      return;
    }
    if (await repo.finish(broadcast, clock.now())) {
      const counts = await repo.counts(broadcast.id);
      log.info({ broadcastId: broadcast.id, kind: broadcast.kind, ...counts }, "broadcast done");
      deps.onFinished?.(broadcast);
    }
  }

  /** Deletes a withdrawn alert's messages where Telegram still allows it. */
  async function deleteSlice(broadcast: BroadcastRow): Promise<void> {
    const deadline = Date.now() + sliceMs;
    const sentAfter = new Date(clock.now().getTime() - DELETE_WINDOW_MS);
    while (!stopping && Date.now() < deadline) {
      const rows = await repo.claimDeletions(broadcast.id, loop.token(), clock.now(), sentAfter, batchSize);
      if (rows.length === 0) break;
      await Promise.all(rows.map(async (row) => {
        const outcome = { id: row.id, token: row.claimToken! };
        try {
          await deps.api.deleteMessage(row.chatId, row.messageId!);
          return recorder.add("deleted", outcome);
        } catch (error) {
          const failure = classify(error);
          if (failure.kind === "message-gone") return recorder.add("deleted", outcome);
          return recorder.add("undeletable", { ...outcome, error: "reason" in failure ? failure.reason : failure.kind });
        }
      }));
      await recorder.flush();
    }
    if (!stopping && (await repo.countDeletable(broadcast.id, sentAfter)) === 0) {
      await repo.update(broadcast.id, { deleteSent: false });
      log.info({ broadcastId: broadcast.id }, "withdrawn alert deleted where Telegram allowed it");
    }
  }

  async function process(item: { id: number }): Promise<void> {
    const broadcast = await repo.byId(item.id);
    if (!broadcast) return;
    if (broadcast.status === "queued") return start(broadcast);
    if (broadcast.status === "sending") {
      const claimed = await sendSlice(broadcast);
      if (!claimed && !stopping) await finishIfDone(broadcast);
    }
    if (broadcast.deleteSent) await deleteSlice(broadcast);
  }

  const loop: OutboxLoop = createOutboxLoop<{ id: number }>({
    name: "broadcast",
    log, clock,
    async due(now) {
      const rows = await repo.due(now);
      const t = Date.now();
      return rows.filter((row) => row.status !== "sending" || row.deleteSent || (restUntil.get(row.id) ?? 0) <= t);
    },
    laneOf: (row) => row.id,
    process,
    claims: repo.claims,
    async recover(deadTokens) {
      const resent = await repo.releaseOrphans(deadTokens);
      if (resent > 0) log.warn({ recipients: resent }, "broadcast sends interrupted by a stop: sent again (those already with Telegram arrive twice)");
    },
    instance: deps.instance,
    idlePollMs,
    recoveryMs: deps.recoveryMs,
  });

  return {
    start: loop.start,
    wake: loop.wake,
    idle: loop.idle,
    async stop() {
      stopping = true;
      await loop.stop();
      await recorder.flush();
    },
    cancelled(id) {
      cancelledIds.add(id);
    },
  };
}
