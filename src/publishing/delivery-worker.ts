// Sends the outbox. One lane per channel (posts to a chat go out in order, one at a time), many channels
// in parallel; the rate limiter under the API keeps the pace Telegram allows. Every step is recorded so a
// crash at any point is resolved on the next start (see docs/decisions/003-exactly-once-channel-posts.md).
import type { Api } from "grammy";
import type { Database } from "../db/create-database.ts";
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import type { Metrics } from "../metrics.ts";
import type { Translate } from "../i18n.ts";
import { toChatId } from "../channels/channel-repository.ts";
import { createDeliveryRepository, type ClaimedDelivery } from "./delivery-repository.ts";
import { createPostSender } from "./post-sender.ts";
import { renderArticle, renderWithdrawal, type RenderedPost } from "./render-post.ts";
import { isQuietHour } from "./quiet-hours.ts";
import { handleFailure } from "./delivery-failures.ts";
import { classify } from "../delivery/telegram-errors.ts";
import { findPostInDoubt, recoverOrphans } from "./recovery.ts";
import { createOutboxLoop, type OutboxLoop } from "../delivery/outbox-loop.ts";
import type { EditorNotifier } from "../delivery/editor-notifier.ts";
import type { RateLimiter } from "../delivery/rate-limiter.ts";
import type { ClaimInstance } from "../delivery/claim-tokens.ts";

export interface DeliveryWorkerDeps {
  db: Database;
  api: Api;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  translate: Translate;
  notifier: EditorNotifier;
  limiter: RateLimiter;
  timezone: string;
  quietHours: { from: number; to: number } | null;
  /** this instance: names its claims; a claim of an instance no longer live is taken over */
  instance: ClaimInstance;
  /** how many message ids after the last confirmed one to search for an unconfirmed post */
  probeDepth?: number;
  idlePollMs?: number;
  recoveryMs?: number;
}

export type DeliveryWorker = Omit<OutboxLoop, "token">;

export function createDeliveryWorker(deps: DeliveryWorkerDeps): DeliveryWorker {
  const repo = createDeliveryRepository(deps.db);
  const sender = createPostSender(deps.api);
  const log = deps.logger.child({ component: "delivery-worker" });

  function render(claim: ClaimedDelivery, kind?: "photo" | "text"): RenderedPost {
    const { article, channel } = claim;
    // Telegram cannot turn a photo into text: a photo post whose article lost its image keeps the photo.
    const imageUrl = kind === "photo" ? article.imageUrl ?? claim.sentImageUrl : article.imageUrl;
    return renderArticle({ ...article, imageUrl }, channel.language, deps.translate, kind);
  }

  async function execute(claim: ClaimedDelivery): Promise<void> {
    const chatId = toChatId(claim.channel.chatId);
    const now = deps.clock.now();
    const article = claim.article;
    const revision = article.revision;
    const logCtx = { deliveryId: claim.id, articleId: article.externalId, chat: claim.channel.chatId, action: claim.action };

    if (claim.action === "withdraw") {
      if (claim.messageId) {
        const notice = renderWithdrawal(deps.translate(claim.channel.language, "publishing-withdrawn-notice"));
        const how = await sender.withdraw(chatId, claim.messageId, claim.kind, claim.sentAt, now, notice);
        log.info({ ...logCtx, how }, "post withdrawn");
      }
      await repo.confirm(claim, { action: "withdraw", revision });
      deps.metrics.deliveries.inc({ action: "withdraw", outcome: "ok" });
      return;
    }

    if (claim.action === "edit" && claim.messageId) {
      const post = render(claim, claim.kind === "photo" ? "photo" : "text");
      const image = post.kind === "photo" ? post.imageUrl : post.previewUrl;
      if (post.html !== claim.sentText || image !== claim.sentImageUrl) {
        await sender.edit(chatId, claim.messageId, post, image !== claim.sentImageUrl);
        log.info(logCtx, "post edited");
        deps.metrics.deliveries.inc({ action: "edit", outcome: "ok" });
      }
      await repo.confirm(claim, { action: "edit", revision, sentText: post.html, sentImageUrl: image });
      return;
    }

    const post = render(claim);
    if (claim.uncertain) {
      // An earlier attempt may have reached Telegram: adopt that post rather than send a second one.
      const found = await findPostInDoubt({ repo, sender, depth: deps.probeDepth ?? 10 }, claim, post, chatId);
      if (found !== null) {
        // sentText stays unknown, so the next pass edits the post to the current revision if it differs.
        await repo.confirm(claim, { action: "post", revision: -1, messageId: found, kind: post.kind, sentText: null, sentImageUrl: null, sentAt: claim.claimedAt ?? now });
        log.warn({ ...logCtx, messageId: found }, "post in doubt found in the chat; not posting again");
        return;
      }
    }
    const silent = !article.breaking && isQuietHour(now, deps.timezone, deps.quietHours);
    const sent = await sendPost(chatId, post, silent, logCtx);
    const image = sent.post.kind === "photo" ? sent.post.imageUrl : sent.post.previewUrl;
    await repo.confirm(claim, {
      action: "post", revision, messageId: sent.messageId, kind: sent.post.kind, sentText: sent.post.html,
      sentImageUrl: image, silent, sentAt: now,
    });
    const since = article.publishAt && article.publishAt > article.createdAt ? article.publishAt : article.createdAt;
    deps.metrics.publishLatency.observe(Math.max(0, deps.clock.now().getTime() - since.getTime()) / 1000);
    deps.metrics.deliveries.inc({ action: "post", outcome: "ok" });
    log.info({ ...logCtx, messageId: sent.messageId, silent }, "article posted");
  }

  /** A photo Telegram cannot fetch is not worth losing the post over: send it as text instead. */
  async function sendPost(chatId: string | number, post: RenderedPost, silent: boolean, logCtx: object) {
    try {
      return { ...(await sender.post(chatId, post, silent)), post };
    } catch (error) {
      const failure = classify(error);
      if (post.kind !== "photo" || failure.kind !== "bad-media") throw error;
      log.warn({ ...logCtx, reason: failure.reason }, "image refused by Telegram; posting as text");
      const text: RenderedPost = { kind: "text", html: post.html, previewUrl: null, keyboard: post.keyboard };
      return { ...(await sender.post(chatId, text, silent)), post: text };
    }
  }

  async function processOne(id: number): Promise<void> {
    const claim = await repo.claim(id, loop.token(), deps.clock.now());
    if (!claim) return;
    try {
      await execute(claim);
    } catch (error) {
      await handleFailure(error, claim, { repo, db: deps.db, clock: deps.clock, log, metrics: deps.metrics, notifier: deps.notifier, limiter: deps.limiter });
    }
  }

  const loop: OutboxLoop = createOutboxLoop<{ id: number; channelId: number }>({
    name: "delivery",
    log, clock: deps.clock,
    due: (now) => repo.due(now, 500),
    laneOf: (row) => row.channelId,
    process: (row) => processOne(row.id),
    claims: repo.claims,
    recover: (deadTokens) => recoverOrphans({ repo, log, token: loop.token, deadTokens, now: deps.clock.now() }),
    instance: deps.instance,
    idlePollMs: deps.idlePollMs ?? 1000,
    recoveryMs: deps.recoveryMs,
  });
  return loop;
}
