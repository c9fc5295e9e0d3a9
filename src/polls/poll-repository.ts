// Polls and their votes in the store. Copies are written here when a poll is created; their life as
// outbox rows is in poll-copy-repository.ts.
import type { Database, Tx } from "../db/create-database.ts";
import type { Poll, PollCopy } from "../db/generated/sqlite/client.ts";

export type PollWithCopies = Poll & { copies: PollCopy[] };

/** countsVersion of counts Telegram called final (stopPoll's answer, a closed `poll` update). */
export const FINAL_VERSION = 2_147_483_647;

export interface CountsSnapshot {
  counts: string;
  totalVoters: number;
  countsVersion: number;
}

export interface NewPoll {
  externalId: string | null;
  question: string;
  options: string[];
  siteVotes: number[];
  language: string;
  allowsMultipleAnswers: boolean;
  isAnonymous: boolean;
  closesAt: Date | null;
  articleId: number | null;
  createdBy: string | null;
}

const withCopies = { copies: { orderBy: { id: "asc" as const } } };

export function createPollRepository(db: Database) {
  return {
    /** Newest first. */
    list(query: { limit: number; beforeId?: number }): Promise<PollWithCopies[]> {
      return db.poll.findMany({
        where: query.beforeId ? { id: { lt: query.beforeId } } : {}, orderBy: { id: "desc" }, take: query.limit, include: withCopies,
      });
    },

    async create(poll: NewPoll, copies: Array<{ chatId: string; dueAt: Date }>, tx: Tx = db): Promise<PollWithCopies> {
      return tx.poll.create({
        data: {
          ...poll, options: JSON.stringify(poll.options), siteVotes: JSON.stringify(poll.siteVotes),
          copies: { create: copies.map((copy) => ({ chatId: copy.chatId, dueAt: copy.dueAt, counts: JSON.stringify(poll.options.map(() => 0)) })) },
        },
        include: withCopies,
      });
    },

    byId(id: number, tx: Tx = db): Promise<PollWithCopies | null> {
      return tx.poll.findUnique({ where: { id }, include: withCopies });
    },

    byExternalId(externalId: string, tx: Tx = db): Promise<PollWithCopies | null> {
      return tx.poll.findUnique({ where: { externalId }, include: withCopies });
    },

    async setSiteVotes(id: number, votes: number[]): Promise<void> {
      await db.poll.update({ where: { id }, data: { siteVotes: JSON.stringify(votes) } });
    },

    /**
     * Closes an open poll and moves its copies towards Telegram: posted copies are to be stopped, copies
     * never posted will not be. A copy being sent right now is left to the worker, which sees the closed
     * poll when it confirms. False when the poll was already closed.
     */
    async close(id: number, now: Date): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const { count } = await tx.poll.updateMany({ where: { id, status: "open" }, data: { status: "closed", closedAt: now } });
        if (count === 0) return false;
        await tx.pollCopy.updateMany({ where: { pollId: id, state: "sent" }, data: { state: "closing", dueAt: now, attempts: 0 } });
        await tx.pollCopy.updateMany({ where: { pollId: id, state: "pending", claimToken: null }, data: { state: "closed", lastError: "closed before it was posted" } });
        return true;
      });
    },

    async openDue(now: Date): Promise<number[]> {
      const rows = await db.poll.findMany({ where: { status: "open", closesAt: { lte: now } }, select: { id: true } });
      return rows.map((row) => row.id);
    },

    copyByTelegramId(telegramPollId: string) {
      return db.pollCopy.findUnique({
        where: { telegramPollId },
        select: { id: true, pollId: true, isAnonymous: true, counts: true, totalVoters: true, countsVersion: true, updatedAt: true },
      });
    },

    /** Writes new totals only if the row still holds what we decided against (optimistic, safe across processes). */
    async compareAndSetCounts(copyId: number, seen: CountsSnapshot, next: CountsSnapshot): Promise<boolean> {
      const { count } = await db.pollCopy.updateMany({ where: { id: copyId, ...seen }, data: next });
      return count === 1;
    },

    /** The stored counts, and when the row was last written (a bound on the counts' age; see poll-vote-order.ts). */
    async countsOf(copyId: number): Promise<(CountsSnapshot & { updatedAt: Date }) | null> {
      return db.pollCopy.findUnique({ where: { id: copyId }, select: { counts: true, totalVoters: true, countsVersion: true, updatedAt: true } });
    },

    /** Several voters' latest answers in one transaction: one commit for a burst instead of one each. */
    async upsertAnswers(rows: Array<{ pollId: number; telegramPollId: string; userId: string; optionIds: number[] }>): Promise<void> {
      await db.$transaction(rows.map((row) => db.pollAnswer.upsert({
        where: { telegramPollId_userId: { telegramPollId: row.telegramPollId, userId: row.userId } },
        create: { ...row, optionIds: JSON.stringify(row.optionIds) },
        update: { optionIds: JSON.stringify(row.optionIds) },
      })));
    },

    async answersOf(pollId: number): Promise<Array<{ telegramPollId: string; optionIds: number[] }>> {
      const rows = await db.pollAnswer.findMany({ where: { pollId }, select: { telegramPollId: true, optionIds: true } });
      return rows.map((row) => ({ telegramPollId: row.telegramPollId, optionIds: JSON.parse(row.optionIds) as number[] }));
    },

    async channelLanguages(): Promise<Map<string, string>> {
      const rows = await db.channel.findMany({ select: { chatId: true, language: true } });
      return new Map(rows.map((row) => [row.chatId, row.language]));
    },
  };
}

export type PollRepository = ReturnType<typeof createPollRepository>;
