// Sends polls, stops them, and posts the results: the PollCopy outbox (see poll-copy-repository.ts for
// the states). One lane per chat, chats in parallel; the rate limiter under bot.api keeps Telegram's pace
// for polls and articles together. Every step is claimed and recorded, so a crash resumes where it was.
import type { Api } from "grammy";
import type { Database } from "../db/create-database.ts";
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import type { Translate } from "../i18n.ts";
import { createChannelRepository, toChatId } from "../channels/channel-repository.ts";
import type { EditorNotifier } from "../delivery/editor-notifier.ts";
import type { RateLimiter } from "../delivery/rate-limiter.ts";
import { createOutboxLoop, type OutboxLoop } from "../delivery/outbox-loop.ts";
import type { ClaimInstance } from "../delivery/claim-tokens.ts";
import { createPollCopyRepository, workOf, type CopyWithPoll } from "./poll-copy-repository.ts";
import { handleCopyFailure } from "./poll-failures.ts";
import { renderResults } from "./poll-report.ts";
import type { PollOutbox, PollService } from "./poll-service.ts";

export interface PollWorkerDeps {
  db: Database;
  api: Api;
  clock: Clock;
  logger: Logger;
  translate: Translate;
  notifier: EditorNotifier;
  polls: PollService;
  limiter?: RateLimiter;
  /** this instance: names its claims; a claim of an instance no longer live is taken over */
  instance: ClaimInstance;
  idlePollMs?: number;
  recoveryMs?: number;
}

export interface PollWorker extends PollOutbox {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createPollWorker(deps: PollWorkerDeps): PollWorker {
  const repo = createPollCopyRepository(deps.db);
  const channels = createChannelRepository(deps.db);
  const log = deps.logger.child({ component: "poll-worker" });
  const sending = new Set<Promise<unknown>>();
  async function send(copy: CopyWithPoll, token: string, replyTo: number | undefined): Promise<void> {
    const chatId = toChatId(copy.chatId);
    // Channels refuse non-anonymous polls; only ask Telegram what the chat is when it matters.
    const anonymous = copy.poll.isAnonymous || (await deps.api.getChat(chatId)).type === "channel";
    const message = await deps.api.sendPoll(chatId, copy.poll.question, (JSON.parse(copy.poll.options) as string[]).map((text) => ({ text })), {
      is_anonymous: anonymous,
      allows_multiple_answers: copy.poll.allowsMultipleAnswers,
      ...(replyTo ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
    });
    await repo.confirmSent(copy.id, token, {
      telegramPollId: message.poll.id, messageId: message.message_id, chatType: message.chat.type, isAnonymous: message.poll.is_anonymous,
    });
    log.info({ pollId: copy.pollId, chat: copy.chatId, messageId: message.message_id, telegramPollId: message.poll.id }, "poll posted");
  }

  async function stop(copy: CopyWithPoll, token: string): Promise<void> {
    const final = await deps.api.stopPoll(toChatId(copy.chatId), copy.messageId!);
    await repo.confirmStopped(copy.id, token, { counts: final.options.map((o) => o.voter_count), totalVoters: final.total_voter_count });
    log.info({ pollId: copy.pollId, chat: copy.chatId, voters: final.total_voter_count }, "poll stopped");
  }

  async function postResults(copy: CopyWithPoll, token: string): Promise<void> {
    const locale = (await repo.channelLanguage(copy.chatId)) ?? copy.poll.language;
    const { poll, results } = await deps.polls.report(copy.pollId);
    const text = renderResults(poll.question, results, (key, vars) => deps.translate(locale, key, vars), locale, true);
    const message = await deps.api.sendMessage(toChatId(copy.chatId), text, {
      reply_parameters: { message_id: copy.messageId!, allow_sending_without_reply: true },
      link_preview_options: { is_disabled: true },
    });
    await repo.confirmResults(copy.id, token, message.message_id);
    log.info({ pollId: copy.pollId, chat: copy.chatId, messageId: message.message_id }, "poll results posted");
  }

  /** One copy's due work; it stays due when it must wait (for its article, or for the other copies to close). */
  async function processOne(copy: CopyWithPoll): Promise<void> {
    const work = workOf(copy);
    if (!work) return;
    let replyTo: number | undefined;
    if (work === "send") {
      if (copy.poll.status === "closed") return repo.abandon(copy.id);
      if (copy.poll.articleId !== null) {
        // "Right after the article": wait for its post in this chat, then answer it.
        const delivery = await repo.articleDelivery(copy.poll.articleId, copy.chatId);
        if (delivery && (delivery.state === "pending" || delivery.state === "sending")) return;
        replyTo = delivery?.state === "sent" ? delivery.messageId ?? undefined : undefined;
      }
    }
    if (work === "results" && (await repo.unsettled(copy.pollId)) > 0) return;
    const token = loop.token();
    if (!(await repo.claim(copy, token, deps.clock.now()))) return;
    const step = work === "send" ? send(copy, token, replyTo) : work === "stop" ? stop(copy, token) : postResults(copy, token);
    if (work === "send") {
      sending.add(step);
      void step.catch(() => undefined).finally(() => sending.delete(step));
    }
    try {
      await step;
    } catch (error) {
      await handleCopyFailure(error, copy, token, work, { repo, channels, clock: deps.clock, log, notifier: deps.notifier, limiter: deps.limiter });
    }
  }

  const loop: OutboxLoop = createOutboxLoop<CopyWithPoll>({
    name: "poll",
    log, clock: deps.clock,
    due: (now) => repo.due(now, 200),
    laneOf: (copy) => copy.chatId,
    process: processOne,
    claims: repo.claims,
    async recover(deadTokens) {
      for (const orphan of await repo.orphans(deadTokens)) {
        if (await repo.freeOrphan(orphan)) log.warn({ copyId: orphan.id, pollId: orphan.pollId, state: orphan.state }, "interrupted poll step resumed");
      }
    },
    instance: deps.instance,
    idlePollMs: deps.idlePollMs ?? 1000,
    recoveryMs: deps.recoveryMs,
  });

  const worker: PollWorker = {
    start: loop.start,
    wake: loop.wake,
    stop: loop.stop,
    idle: loop.idle,
    async settle() {
      await Promise.allSettled([...sending]);
    },
  };
  deps.polls.attachOutbox(worker);
  return worker;
}
