// Resolving claims left by a process that died mid-delivery. Edits and withdrawals are idempotent and
// simply run again. A post is the hard case: Telegram may or may not have it. We look for it first
// (PostSender.find) and post again only when it is not there. Decision record 003 explains the choice.
import type { Logger } from "../logger.ts";
import { toChatId } from "../channels/channel-repository.ts";
import type { ClaimedDelivery, DeliveryRepository } from "./delivery-repository.ts";
import type { PostSender } from "./post-sender.ts";
import type { RenderedPost } from "./render-post.ts";

export async function recoverOrphans(deps: {
  repo: DeliveryRepository;
  sender: PostSender;
  log: Logger;
  render: (claim: ClaimedDelivery) => RenderedPost;
  token: () => string;
  /** claim tokens of this process start with it */
  ownPrefix: string;
  /** this process is sending to that channel right now */
  isBusy: (channelId: number) => boolean;
  before: Date;
  now: Date;
  probeDepth: number;
}): Promise<void> {
  const orphans = await deps.repo.orphans(deps.before, deps.ownPrefix);
  for (const orphan of orphans) {
    // A probe must not run beside a send to the same chat: it could touch the post being sent.
    if (orphan.action === "post" && !orphan.messageId && deps.isBusy(orphan.channelId)) continue;
    const claim = { ...orphan, claimToken: deps.token() };
    if (!(await deps.repo.reclaim(orphan, claim.claimToken, deps.now))) continue;
    const logCtx = { deliveryId: orphan.id, articleId: orphan.article.externalId, chat: orphan.channel.chatId, action: orphan.action };
    if (orphan.action !== "post" || orphan.messageId) {
      await deps.repo.release(claim, { state: "pending", dueAt: new Date(0), lastError: "interrupted; retrying", resetAttempts: true });
      deps.log.warn(logCtx, "interrupted delivery resumed");
      continue;
    }
    if (orphan.probeFrom === null) {
      // No confirmed message in this chat to search from: post again (the one at-least-once window).
      await deps.repo.release(claim, { state: "pending", dueAt: new Date(0), lastError: "interrupted before confirmation; reposting", resetAttempts: true });
      deps.log.warn(logCtx, "interrupted first post in a chat: posting again");
      continue;
    }
    try {
      const post = deps.render(claim);
      const found = await deps.sender.find(toChatId(orphan.channel.chatId), await candidates(deps, orphan.channelId, orphan.probeFrom), post.keyboard);
      if (found !== null) {
        // Adopt it. sentText stays unknown, so the next pass edits it to the current revision if needed.
        await deps.repo.confirm(claim, { action: "post", revision: -1, messageId: found, kind: post.kind, sentText: null, sentImageUrl: null, sentAt: orphan.claimedAt ?? deps.now });
        deps.log.warn({ ...logCtx, messageId: found }, "interrupted post found in the chat; not posting again");
      } else {
        await deps.repo.release(claim, { state: "pending", dueAt: new Date(0), lastError: "interrupted before Telegram had it; reposting", resetAttempts: true });
        deps.log.warn(logCtx, "interrupted post not in the chat: posting");
      }
    } catch (error) {
      // Telegram unreachable right now: leave the claim to the next recovery round.
      deps.log.warn({ ...logCtx, err: error }, "could not check an interrupted post yet");
      await deps.repo.reclaim(claim, orphan.claimToken ?? "", new Date(0));
    }
  }
}

/**
 * Where the interrupted post can be: after the last message we had confirmed when it was claimed, and
 * before any post of ours confirmed since (those were sent after it). Known posts are never probed.
 */
async function candidates(deps: { repo: DeliveryRepository; probeDepth: number }, channelId: number, probeFrom: number): Promise<number[]> {
  const [nextKnown] = await deps.repo.knownMessageIds(channelId, probeFrom);
  const last = Math.min(probeFrom + deps.probeDepth, (nextKnown ?? Number.POSITIVE_INFINITY) - 1);
  return Array.from({ length: Math.max(0, last - probeFrom) }, (_, i) => probeFrom + 1 + i);
}
