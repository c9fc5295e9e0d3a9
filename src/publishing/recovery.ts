// Resolving work left in doubt. Two ways a post can be in doubt: the process died between sending it
// and recording Telegram's answer (an orphaned claim), or the send failed in a way Telegram may still
// have accepted (a network error, a 5xx). Both end as a pending row marked `uncertain`; the worker, in
// the chat's lane, looks for the post before sending it again. Edits and withdrawals are idempotent and
// simply run again. Decision record 003 explains the choice.
import type { Logger } from "../logger.ts";
import type { ClaimedDelivery, DeliveryRepository } from "./delivery-repository.ts";
import type { PostSender } from "./post-sender.ts";
import type { RenderedPost } from "./render-post.ts";

/** Frees the claims of dead instances (see OutboxLoop.recover). */
export async function recoverOrphans(deps: {
  repo: DeliveryRepository;
  log: Logger;
  token: () => string;
  /** tokens of claims whose instance is gone */
  deadTokens: string[];
  now: Date;
}): Promise<void> {
  for (const orphan of await deps.repo.orphans(deps.deadTokens)) {
    const claim = { ...orphan, claimToken: deps.token() };
    if (!(await deps.repo.reclaim(orphan, claim.claimToken, deps.now))) continue;
    const inDoubt = orphan.action === "post" && !orphan.messageId;
    await deps.repo.release(claim, {
      state: "pending", dueAt: new Date(0), resetAttempts: true, uncertain: inDoubt || orphan.uncertain,
      lastError: inDoubt ? "interrupted before Telegram's answer was recorded" : "interrupted; retrying",
    });
    deps.log.warn({ deliveryId: orphan.id, articleId: orphan.article.externalId, chat: orphan.channel.chatId, action: orphan.action }, "interrupted delivery resumed");
  }
}

/**
 * Looks for a post in doubt in its chat. Re-applying the post's exact keyboard is harmless on our own
 * post, and Telegram answers "message is not modified": proof it is there. Only ids where it can be are
 * tried: after the last message we had confirmed when it was claimed (`probeFrom`), before any post or
 * poll of ours confirmed since (those were sent after it), at most `depth` of them.
 * Returns the message id, or null when Telegram does not have it (or there is nowhere to look).
 */
export async function findPostInDoubt(
  deps: { repo: DeliveryRepository; sender: PostSender; depth: number },
  claim: ClaimedDelivery,
  post: RenderedPost,
  chatId: string | number,
): Promise<number | null> {
  if (claim.probeFrom === null) return null; // no confirmed message in this chat yet: see decision 003
  const from = claim.probeFrom;
  const [nextKnown] = await deps.repo.knownMessageIds(claim.channelId, claim.channel.chatId, from);
  const last = Math.min(from + deps.depth, (nextKnown ?? Number.POSITIVE_INFINITY) - 1);
  const candidates = Array.from({ length: Math.max(0, last - from) }, (_, i) => from + 1 + i);
  return deps.sender.find(chatId, candidates, post.keyboard);
}
