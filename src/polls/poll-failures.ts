// What a failed poll step means for its copy. Waits (429, outages) are waited out; a chat that removed the
// bot or moved is a state change recorded on the copy (and on the channel, if it is one of ours) with a
// notice to the editors; a poll Telegram refuses for good is marked failed and never retried blindly.
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import type { ChannelRepository } from "../channels/channel-repository.ts";
import type { EditorNotifier } from "../delivery/editor-notifier.ts";
import type { RateLimiter } from "../delivery/rate-limiter.ts";
import { backoffMs, classify } from "../delivery/telegram-errors.ts";
import type { CopyWithPoll, CopyWork, PollCopyRepository } from "./poll-copy-repository.ts";

export interface PollFailureDeps {
  repo: PollCopyRepository;
  channels: ChannelRepository;
  clock: Clock;
  log: Logger;
  notifier: EditorNotifier;
  limiter?: RateLimiter;
}

/** Ends the step without Telegram's part: the poll cannot be stopped / the results cannot be posted there. */
async function giveUp(copy: CopyWithPoll, token: string, work: CopyWork, reason: string, deps: PollFailureDeps): Promise<void> {
  if (work === "send") await deps.repo.release(copy, token, { state: "failed", lastError: reason });
  else if (work === "stop") await deps.repo.confirmStopped(copy.id, token, null, reason);
  else await deps.repo.confirmResults(copy.id, token, 0, reason);
}

export async function handleCopyFailure(error: unknown, copy: CopyWithPoll, token: string, work: CopyWork, deps: PollFailureDeps): Promise<void> {
  const failure = classify(error);
  const now = deps.clock.now().getTime();
  const logCtx = { pollId: copy.pollId, copyId: copy.id, chat: copy.chatId, work, failure: failure.kind };

  switch (failure.kind) {
    case "rate-limited":
      deps.limiter?.pause(copy.chatId, failure.retryAfter);
      await deps.repo.release(copy, token, { dueAt: new Date(now + failure.retryAfter * 1000), lastError: `429: retry after ${failure.retryAfter}s`, resetAttempts: true });
      deps.log.warn({ ...logCtx, retryAfter: failure.retryAfter }, "rate limited by Telegram; waiting");
      return;
    case "transient":
      await deps.repo.release(copy, token, { dueAt: new Date(now + backoffMs(copy.attempts + 1)), lastError: failure.reason });
      deps.log.warn({ ...logCtx, reason: failure.reason }, "Telegram unreachable or failing; will retry");
      return;
    case "forbidden":
    case "chat-not-found": {
      await giveUp(copy, token, work, failure.reason, deps);
      const channel = await deps.channels.find(copy.chatId);
      if (channel?.status === "active") await deps.channels.setStatus(channel.id, "forbidden", failure.reason);
      deps.log.error({ ...logCtx, reason: failure.reason }, "chat refuses the bot; poll copy given up");
      await deps.notifier.notify("poll-chat-forbidden", { chat: copy.chatId, poll: copy.pollId, reason: failure.reason });
      return;
    }
    case "migrated": {
      const newChat = String(failure.newChatId);
      if (work !== "send") {
        // The old group is read-only now; the poll that lived there stays as it was.
        await giveUp(copy, token, work, `group moved to ${newChat}`, deps);
      } else if (await deps.repo.chatIdTaken(copy.pollId, newChat)) {
        await deps.repo.release(copy, token, { state: "failed", lastError: `group moved to ${newChat}, which already has this poll` });
      } else {
        await deps.repo.release(copy, token, { dueAt: new Date(0), chatId: newChat, lastError: `group moved to ${newChat}`, resetAttempts: true });
        const channel = await deps.channels.find(copy.chatId);
        if (channel && !(await deps.channels.find(newChat))) await deps.channels.changeChatId(channel.id, newChat);
      }
      deps.log.warn({ ...logCtx, newChat }, "group upgraded to a supergroup; following it");
      await deps.notifier.notify("poll-chat-migrated", { chat: copy.chatId, newChat, poll: copy.pollId });
      return;
    }
    case "message-gone":
      // Someone deleted the poll message: nothing to stop, nothing to reply to.
      await giveUp(copy, token, work, failure.reason, deps);
      deps.log.warn({ ...logCtx, reason: failure.reason }, "poll message is gone from the chat");
      return;
    default: {
      const reason = "reason" in failure ? failure.reason : failure.kind;
      await giveUp(copy, token, work, reason, deps);
      // "poll has already been closed" is the outcome we wanted; anything else needs a person.
      if (work === "stop" && /already (been )?closed/i.test(reason)) return;
      deps.log.error({ ...logCtx, reason }, "Telegram refused a poll step");
      await deps.notifier.notify("poll-refused", { chat: copy.chatId, poll: copy.pollId, reason });
    }
  }
}
