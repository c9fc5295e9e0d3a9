// Counting Telegram's votes. A `poll` update carries the full totals of one copy, not a delta, so the
// newest state simply replaces the stored one; which state is newest is decided by update_id
// (poll-vote-order.ts), and this file makes that decision hold when updates arrive out of order, twice,
// or hundreds at once. Decision record 005 has the reasoning.
import type { Logger } from "../logger.ts";
import { FINAL_VERSION, type CountsSnapshot, type PollRepository } from "./poll-repository.ts";
import { createAnswerBatcher } from "./poll-answer-batcher.ts";
import { isNewer, type VoteState } from "./poll-vote-order.ts";

export interface TelegramPollState {
  id: string;
  total_voter_count: number;
  is_closed: boolean;
  options: Array<{ voter_count: number }>;
}

const stateOf = (snapshot: CountsSnapshot & { updatedAt: Date }): VoteState => ({
  counts: JSON.parse(snapshot.counts) as number[], totalVoters: snapshot.totalVoters, version: snapshot.countsVersion, writtenAt: snapshot.updatedAt,
});
const snapshotOf = (state: VoteState): CountsSnapshot => ({
  counts: JSON.stringify(state.counts), totalVoters: state.totalVoters, countsVersion: state.version,
});

interface CopyEntry {
  copyId: number;
  pollId: number;
  isAnonymous: boolean;
  /** what this process last saw in the store; only ever behind it, never ahead */
  known: VoteState;
  /** the best update waiting for its turn to be written: lesser ones behind it need not be written */
  candidate?: VoteState;
  chain: Promise<unknown>;
}

export type VoteOutcome = "applied" | "stale" | "superseded" | "unknown";

export function createVoteRecorder(deps: { repo: PollRepository; logger: Logger; settle: () => Promise<void>; now: () => Date }) {
  const copies = new Map<string, CopyEntry>();
  const answerChains = new Map<string, Promise<unknown>>();
  const lastAnswerUpdate = new Map<string, number>();
  const storeAnswer = createAnswerBatcher((rows) => deps.repo.upsertAnswers(rows));
  let handled = 0;
  let handledWaiters: Array<{ count: number; resolve: () => void }> = [];
  const countHandled = () => {
    handled++;
    if (handledWaiters.length === 0) return;
    handledWaiters.filter((w) => w.count <= handled).forEach((w) => w.resolve());
    handledWaiters = handledWaiters.filter((w) => w.count > handled);
  };

  /** The copy for a Telegram poll id; an id we do not know yet may be a poll being confirmed this instant. */
  async function entryFor(telegramPollId: string): Promise<CopyEntry | null> {
    const cached = copies.get(telegramPollId);
    if (cached) return cached;
    let row = await deps.repo.copyByTelegramId(telegramPollId);
    if (!row) {
      await deps.settle();
      row = await deps.repo.copyByTelegramId(telegramPollId);
    }
    if (!row) return null;
    const entry = copies.get(telegramPollId) ?? {
      copyId: row.id, pollId: row.pollId, isAnonymous: row.isAnonymous, known: stateOf(row), chain: Promise.resolve(),
    };
    copies.set(telegramPollId, entry);
    return entry;
  }

  async function write(entry: CopyEntry, incoming: VoteState & { closed: boolean }): Promise<VoteOutcome> {
    for (let attempt = 0; attempt < 20; attempt++) {
      if (!isNewer(entry.known, incoming, deps.now())) return "stale";
      const next: VoteState = { counts: incoming.counts, totalVoters: incoming.totalVoters, version: incoming.closed ? FINAL_VERSION : incoming.version };
      if (await deps.repo.compareAndSetCounts(entry.copyId, snapshotOf(entry.known), snapshotOf(next))) {
        entry.known = { ...next, writtenAt: deps.now() };
        return "applied";
      }
      // Someone else wrote (another instance, or the worker recording stopPoll's final counts): look again.
      const fresh = await deps.repo.countsOf(entry.copyId);
      if (!fresh) return "unknown";
      entry.known = stateOf(fresh);
    }
    throw new Error(`poll copy ${entry.copyId}: counts kept changing under us`);
  }

  return {
    get handled() {
      return handled;
    },

    /**
     * Resolves once `count` vote updates have been handled by this process. The runner confirms updates
     * to Telegram as it fetches them, before handlers finish, so tests and benchmarks wait on this.
     */
    whenHandled(count: number): Promise<void> {
      if (handled >= count) return Promise.resolve();
      return new Promise((resolve) => handledWaiters.push({ count, resolve }));
    },

    async recordPoll(poll: TelegramPollState, updateId: number): Promise<VoteOutcome> {
      try {
        const entry = await entryFor(poll.id);
        if (!entry) {
          deps.logger.warn({ telegramPollId: poll.id, updateId }, "poll update for a poll we do not know; ignored");
          return "unknown";
        }
        const incoming = { counts: poll.options.map((o) => o.voter_count), totalVoters: poll.total_voter_count, version: updateId, closed: poll.is_closed };
        if (!isNewer(entry.known, incoming, deps.now())) return "stale";
        if (entry.candidate && !isNewer(entry.candidate, incoming)) return "superseded";
        // Updates of one copy are written one at a time, and in a burst only the newest waiting one is.
        const candidate = incoming.closed ? { ...incoming, version: FINAL_VERSION } : incoming;
        entry.candidate = candidate;
        const turn = entry.chain.then(async () => {
          if (entry.candidate !== candidate) return "superseded" as const;
          try {
            return await write(entry, incoming);
          } finally {
            if (entry.candidate === candidate) entry.candidate = undefined;
          }
        });
        entry.chain = turn.catch(() => undefined);
        return await turn;
      } finally {
        countHandled();
      }
    },

    /** A voter's latest choice in a non-anonymous poll; an empty choice is a retraction. */
    async recordAnswer(answer: { poll_id: string; option_ids: number[]; user?: { id: number }; voter_chat?: { id: number } }, updateId: number): Promise<VoteOutcome> {
      try {
        const entry = await entryFor(answer.poll_id);
        const voter = answer.user ? String(answer.user.id) : answer.voter_chat ? `chat:${answer.voter_chat.id}` : null;
        if (!entry || voter === null) {
          deps.logger.warn({ telegramPollId: answer.poll_id, updateId }, "poll answer for a poll we do not know; ignored");
          return "unknown";
        }
        // poll_answer updates have no chat, so grammY's sequentialize does not order them: we do, per voter.
        const key = `${answer.poll_id}:${voter}`;
        const turn = (answerChains.get(key) ?? Promise.resolve()).then(async () => {
          if ((lastAnswerUpdate.get(key) ?? 0) >= updateId) return "stale" as const;
          await storeAnswer({ pollId: entry.pollId, telegramPollId: answer.poll_id, userId: voter, optionIds: answer.option_ids });
          // The guard only has to outlive updates in flight together; drop it rather than grow forever.
          if (lastAnswerUpdate.size > 200_000) lastAnswerUpdate.clear();
          lastAnswerUpdate.set(key, updateId);
          return "applied" as const;
        });
        const tail = turn.catch(() => undefined);
        answerChains.set(key, tail);
        void tail.then(() => answerChains.get(key) === tail && answerChains.delete(key));
        return await turn;
      } finally {
        countHandled();
      }
    },
  };
}

export type VoteRecorder = ReturnType<typeof createVoteRecorder>;
