/**
 * The `FakeTelegram` facade: what tests and benchmarks call. It only wires the pieces
 * (server, stores, faults, update hub) together and adds the waiting helpers.
 */
import type { Update } from "grammy/types";
import type { ChatType, Clock, FakeMessage, FakePoll } from "./chat-state.ts";
import type { BotInfo } from "./context.ts";
import type { FakeError } from "./errors.ts";
import type { FailRule, RateLimits } from "./faults.ts";
import { startServer, type CallWaiter, type FakeTelegramOptions, type RecordedCall } from "./server.ts";
import type { WebhookFailure } from "./updates.ts";
import { createUser, pollUpdateOf, type FakeUser } from "./users.ts";

export interface AddChatOptions {
  id: number; type: ChatType; title?: string; username?: string; first_name?: string; language_code?: string;
  lastMessageId?: number;
}

export interface FakeTelegram {
  apiRoot: string;
  token: string;
  botInfo: BotInfo;
  clock: Clock;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  messages(chatId: number | string): FakeMessage[];
  allMessages(chatId: number | string): FakeMessage[];
  /** Every message in the chat, the users' ones included. */
  history(chatId: number | string): FakeMessage[];
  addChat(chat: AddChatOptions): void;
  strictChats(on: boolean): void;
  /** Status getChatMember reports for a user (the bot itself is always an administrator). */
  setMember(chatId: number, userId: number, status: "creator" | "administrator" | "member" | "left" | "kicked" | "restricted"): void;
  /** The bytes getFile's file path downloads for this file id (a short text otherwise). */
  setFile(fileId: string, data: Buffer): void;
  failNext(opts: FailRule): void;
  /** A user blocks the bot: sends answer 403 "Forbidden: bot was blocked by the user". */
  blockChat(chatId: number | string): void;
  /** The user unblocks the bot. */
  unblockChat(chatId: number | string): void;
  /** The user deleted their account: sends answer 403 "Forbidden: user is deactivated". */
  deactivateUser(userId: number): void;
  /** Accepted sends that carried allow_paid_broadcast (while a rate limit is configured). */
  readonly paidSends: number;
  migrateChat(oldId: number, newId: number): void;
  rateLimit(opts: RateLimits | null): void;
  readonly violations: number;
  latency(ms: number): void;
  /** Telegram's answer to a consumer that died mid long poll (see UpdateHub.holdAbandonedPolls). */
  holdAbandonedPolls(on: boolean): void;
  /** Assigns update_id; queued for getUpdates or POSTed to the webhook. */
  pushUpdate(update: Omit<Update, "update_id">): number;
  user(opts: { id: number; first_name?: string; last_name?: string; language_code?: string; username?: string }): FakeUser;
  pollUpdate(pollId: string, counts: number[], opts?: { closed?: boolean; totalVoters?: number }): number;
  pollAnswer(pollId: string, user: { id: number; first_name?: string } | FakeUser, optionIds: number[]): number;
  findPoll(pollId: string): FakePoll | undefined;
  pollsIn(chatId: number | string): FakePoll[];
  /** Webhook deliveries that kept failing (non-2xx or connection error). */
  webhookFailures: WebhookFailure[];
  waitForCall(predicate: (c: RecordedCall) => boolean, opts?: { timeoutMs?: number }): Promise<RecordedCall>;
  waitForCalls(predicate: (c: RecordedCall) => boolean, count: number, opts?: { timeoutMs?: number }): Promise<RecordedCall[]>;
  waitForIdle(opts?: { timeoutMs?: number }): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeTelegram(opts?: FakeTelegramOptions): Promise<FakeTelegram> {
  const core = await startServer(opts);
  const { store, updates } = core;
  const push = (u: Record<string, unknown>) => updates.push(u);
  const botMessages = (chatId: number | string) => (store.find(chatId)?.order ?? []).filter((m) => m.fromBot);

  const describe = (c: RecordedCall) =>
    `  ${c.method} ${JSON.stringify(c.params).slice(0, 160)} → ${c.response.ok ? "ok" : `${c.response.error_code} ${c.response.description}`}`;

  const waitForCalls = (predicate: (c: RecordedCall) => boolean, count: number, o?: { timeoutMs?: number }) => {
    const found = core.calls.filter(predicate).slice(0, count);
    if (found.length >= count) return Promise.resolve(found);
    const timeoutMs = o?.timeoutMs ?? 5000;
    return new Promise<RecordedCall[]>((resolve, reject) => {
      const waiter: CallWaiter = {
        predicate, count, found,
        done: () => { clearTimeout(timer); core.waiters.delete(waiter); resolve(found.slice(0, count)); },
      };
      const timer = setTimeout(() => {
        core.waiters.delete(waiter);
        const last = core.calls.slice(-10).map(describe).join("\n") || "  (no calls at all)";
        reject(new Error(`fake Telegram: expected ${count} matching call(s) within ${timeoutMs}ms, got ${found.length}. Last calls:\n${last}`));
      }, timeoutMs);
      core.waiters.add(waiter);
    });
  };

  const fake: FakeTelegram = {
    apiRoot: core.apiRoot,
    token: core.token,
    botInfo: core.bot,
    clock: core.clock,
    get calls() { return core.calls; },
    callsTo: (method) => core.byMethod.get(method.toLowerCase()) ?? [],
    messages: (chatId) => botMessages(chatId).filter((m) => !m.deleted),
    allMessages: botMessages,
    history: (chatId) => [...(store.find(chatId)?.order ?? [])],
    addChat: (chat) => { store.add(chat); },
    strictChats: (on) => { store.autoChats = !on; },
    setMember: (chatId, userId, status) => { store.resolve(chatId, true).members.set(userId, status); },
    setFile: (fileId, data) => { core.files.set(fileId, data); },
    failNext: (rule) => core.fails.add(rule),
    blockChat: (chatId) => { store.resolve(chatId, true).blocked = true; },
    unblockChat: (chatId) => { store.resolve(chatId, true).blocked = false; },
    deactivateUser: (userId) => { store.resolve(userId, true).deactivated = true; },
    get paidSends() { return core.limiter.paidSends; },
    migrateChat(oldId, newId) {
      const old = store.resolve(oldId, true);
      old.migratedTo = newId;
      store.add({ ...old.chat, id: newId, type: "supergroup", lastMessageId: undefined });
    },
    rateLimit: (limits) => core.limiter.configure(limits),
    get violations() { return core.limiter.violations; },
    latency: (ms) => core.setLatency(ms),
    holdAbandonedPolls: (on) => { updates.holdAbandonedPolls = on; },
    pushUpdate: (update) => push(update as Record<string, unknown>),
    user: (o) => createUser(o, { store, push, render: core.render }),
    pollUpdate(pollId, counts, o) {
      const entry = store.polls.get(pollId);
      if (!entry) throw new Error(`fake Telegram: no poll ${pollId}`);
      const update = pollUpdateOf(entry.poll, counts, o?.closed);
      if (o?.totalVoters !== undefined) (update.poll as FakePoll).total_voter_count = entry.poll.total_voter_count = o.totalVoters;
      return push(update);
    },
    pollAnswer(pollId, user, optionIds) {
      const entry = store.polls.get(pollId);
      if (!entry) throw new Error(`fake Telegram: no poll ${pollId}`);
      // Keep the stored totals in step with the votes so stopPoll reports them.
      for (const i of entry.votes.get(user.id) ?? []) entry.poll.options[i]!.voter_count--;
      for (const i of optionIds) if (entry.poll.options[i]) entry.poll.options[i].voter_count++;
      if (optionIds.length) entry.votes.set(user.id, optionIds);
      else entry.votes.delete(user.id);
      entry.poll.total_voter_count = entry.votes.size;
      const from = "info" in user ? user.info : { is_bot: false, first_name: `User${user.id}`, ...user };
      return push({ poll_answer: { poll_id: pollId, user: from, option_ids: optionIds } });
    },
    findPoll: (pollId) => store.polls.get(pollId)?.poll,
    pollsIn(chatId) {
      const rec = store.find(chatId);
      return rec ? [...store.polls.values()].filter((p) => p.chatId === rec.chat.id).map((p) => p.poll) : [];
    },
    get webhookFailures() { return updates.webhookFailures; },
    waitForCall: (predicate, o) => waitForCalls(predicate, 1, o).then((c) => c[0] as RecordedCall),
    waitForCalls,
    waitForIdle: (o) => updates.waitForIdle(o?.timeoutMs ?? 5000),
    reset() {
      core.calls.length = 0;
      core.files.clear();
      core.byMethod.clear();
      store.clear();
      store.autoChats = true;
      core.fails.clear();
      core.limiter.configure(null);
      core.limiter.violations = 0;
      core.setLatency(0);
      core.ctx.openCallbackQueries.clear();
      updates.reset();
    },
    close: () => core.close(),
  };
  return fake;
}

export type { FakeError };
