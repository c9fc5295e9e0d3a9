// What a failed send means for the delivery row and its channel. Rate limits and outages are waited out
// (nothing is lost while Telegram is down); a channel that removed the bot or moved is recorded and the
// editors are told, instead of being retried forever; a post Telegram refuses for good is marked failed.
import type { Database } from "../db/create-database.ts";
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import type { Metrics } from "../metrics.ts";
import { createChannelRepository } from "../channels/channel-repository.ts";
import type { ClaimedDelivery, DeliveryRepository } from "./delivery-repository.ts";
import type { EditorNotifier } from "../delivery/editor-notifier.ts";
import type { RateLimiter } from "../delivery/rate-limiter.ts";
import { backoffMs, classify } from "../delivery/telegram-errors.ts";
import { truncate } from "../text/truncate.ts";

interface FailureDeps {
  repo: DeliveryRepository;
  db: Database;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  notifier: EditorNotifier;
  limiter: RateLimiter;
}

export async function handleFailure(error: unknown, claim: ClaimedDelivery, deps: FailureDeps): Promise<void> {
  const failure = classify(error);
  const channels = createChannelRepository(deps.db);
  const now = deps.clock.now().getTime();
  const chat = claim.channel.chatId;
  const logCtx = { deliveryId: claim.id, articleId: claim.article.externalId, chat, action: claim.action, failure: failure.kind };
  deps.metrics.deliveries.inc({ action: claim.action, outcome: failure.kind });

  switch (failure.kind) {
    case "rate-limited":
      deps.limiter.pause(chat, failure.retryAfter);
      await deps.repo.release(claim, { state: "pending", dueAt: new Date(now + failure.retryAfter * 1000), lastError: `429: retry after ${failure.retryAfter}s`, resetAttempts: true });
      deps.log.warn({ ...logCtx, retryAfter: failure.retryAfter }, "rate limited by Telegram; waiting");
      return;
    case "transient":
      // A post that failed this way may still have reached Telegram: the next attempt looks first.
      await deps.repo.release(claim, {
        state: "pending", dueAt: new Date(now + backoffMs(claim.attempts)), lastError: failure.reason,
        uncertain: claim.action === "post" && !claim.messageId ? true : undefined,
      });
      deps.log.warn({ ...logCtx, attempts: claim.attempts, reason: failure.reason }, "Telegram unreachable or failing; will retry");
      return;
    case "forbidden":
    case "chat-not-found":
      // The row waits for the channel: it goes out by itself if an editor re-enables the channel.
      await channels.setStatus(claim.channelId, "forbidden", failure.reason);
      await deps.repo.release(claim, { state: "pending", lastError: failure.reason, resetAttempts: true });
      deps.log.error({ ...logCtx, reason: failure.reason }, "channel refuses the bot; channel disabled");
      if (claim.channel.status === "active") await deps.notifier.notify("publishing-channel-forbidden", { chat, reason: failure.reason });
      return;
    case "migrated": {
      const newChatId = String(failure.newChatId);
      const clash = await channels.find(newChatId);
      if (clash) {
        await channels.setStatus(claim.channelId, "migrated", `moved to ${newChatId}, which is already a channel here`);
      } else {
        await channels.changeChatId(claim.channelId, newChatId);
      }
      await deps.repo.release(claim, { state: "pending", dueAt: new Date(0), lastError: `group moved to ${newChatId}`, resetAttempts: true });
      deps.log.warn({ ...logCtx, newChatId }, "group upgraded to a supergroup; following it");
      await deps.notifier.notify("publishing-chat-migrated", { chat, newChat: newChatId });
      return;
    }
    case "message-gone":
      // Someone deleted our post in Telegram: do not bring it back on an edit; /post can repost it.
      await deps.repo.release(claim, { state: "failed", lastError: "the post was deleted in Telegram", messageId: null });
      deps.log.warn(logCtx, "post to edit is gone from the chat");
      return;
    default:
      await deps.repo.release(claim, { state: "failed", lastError: "reason" in failure ? failure.reason : failure.kind });
      deps.log.error({ ...logCtx, reason: "reason" in failure ? failure.reason : undefined }, "Telegram refused the post");
      await deps.notifier.notify("publishing-post-refused", {
        title: truncate(claim.article.title, 100), chat, reason: "reason" in failure ? failure.reason : failure.kind,
      });
  }
}
