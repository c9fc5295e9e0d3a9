// PollCopy as an outbox row, the same discipline as articles' Delivery: claim by a conditional update
// (only one worker wins), act in Telegram, then record under the claim token. Three kinds of work:
//   pending  → sendPoll          → sent (or closing, if the poll closed meanwhile)
//   closing  → stopPoll          → closed (with Telegram's final counts)
//   closed channel copy without resultsMessageId, once no copy of the poll is still unsettled
//            → send the results  → resultsMessageId recorded (0 = given up: Telegram refused it for good)
import type { Database, Tx } from "../db/create-database.ts";
import type { Poll, PollCopy } from "../db/generated/sqlite/client.ts";
import { FINAL_VERSION } from "./poll-repository.ts";

export type CopyWithPoll = PollCopy & { poll: Poll };
export type CopyWork = "send" | "stop" | "results";

const UNSETTLED = ["pending", "sending", "closing"];

export function workOf(copy: PollCopy): CopyWork | null {
  if (copy.state === "pending") return "send";
  if (copy.state === "closing") return "stop";
  if (copy.state === "closed" && copy.chatType === "channel" && copy.messageId !== null && copy.resultsMessageId === null) return "results";
  return null;
}

/**
 * Our own message in one of our channels moves its last confirmed message id: the article crash-recovery
 * probe starts there, and poll or results messages left below it would push a lost post out of its reach.
 */
async function raiseLastMessageId(tx: Tx, chatId: string, messageId: number): Promise<void> {
  if (messageId <= 0) return;
  await tx.channel.updateMany({
    where: { chatId, OR: [{ lastMessageId: null }, { lastMessageId: { lt: messageId } }] },
    data: { lastMessageId: messageId },
  });
}

/** Poll and results messages of ours in a chat above `after`, ascending: the article probe steps over them. */
export async function pollMessageIds(db: Database, chatId: string, after: number): Promise<number[]> {
  const rows = await db.pollCopy.findMany({
    where: { chatId, OR: [{ messageId: { gt: after } }, { resultsMessageId: { gt: after } }] },
    select: { messageId: true, resultsMessageId: true },
  });
  const ids = rows.flatMap((row) => [row.messageId, row.resultsMessageId]).filter((id): id is number => id !== null && id > after);
  return [...new Set(ids)].sort((a, b) => a - b);
}

export function createPollCopyRepository(db: Database) {
  const dueWhere = (now: Date) => ({
    claimToken: null, dueAt: { lte: now },
    OR: [
      { state: { in: ["pending", "closing"] } },
      { state: "closed", chatType: "channel", messageId: { not: null }, resultsMessageId: null },
    ],
  });

  return {
    due(now: Date, limit: number): Promise<CopyWithPoll[]> {
      return db.pollCopy.findMany({ where: dueWhere(now), include: { poll: true }, orderBy: [{ dueAt: "asc" }, { id: "asc" }], take: limit });
    },

    async nextDueAt(): Promise<Date | null> {
      const row = await db.pollCopy.findFirst({ where: dueWhere(new Date(8.64e15)), orderBy: { dueAt: "asc" }, select: { dueAt: true } });
      return row?.dueAt ?? null;
    },

    /** Copies of the poll still on their way to Telegram or being stopped: results wait for them. */
    unsettled(pollId: number): Promise<number> {
      return db.pollCopy.count({ where: { pollId, state: { in: UNSETTLED } } });
    },

    async claim(copy: PollCopy, token: string, now: Date): Promise<boolean> {
      const { count } = await db.pollCopy.updateMany({
        where: { id: copy.id, state: copy.state, claimToken: null, resultsMessageId: copy.resultsMessageId },
        data: { claimToken: token, claimedAt: now, attempts: { increment: 1 }, ...(copy.state === "pending" ? { state: "sending" } : {}) },
      });
      return count === 1;
    },

    /** Records the posted poll. A poll closed while we were sending gets stopped next. */
    async confirmSent(copyId: number, token: string, sent: { telegramPollId: string; messageId: number; chatType: string; isAnonymous: boolean }): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const current = await tx.pollCopy.findUnique({ where: { id: copyId }, include: { poll: { select: { status: true } } } });
        if (!current || current.claimToken !== token) return false;
        const closing = current.poll.status === "closed";
        await tx.pollCopy.update({
          where: { id: copyId },
          data: { ...sent, state: closing ? "closing" : "sent", claimToken: null, claimedAt: null, lastError: null, attempts: 0, dueAt: new Date(0) },
        });
        await raiseLastMessageId(tx, current.chatId, sent.messageId);
        return true;
      });
    },

    /** After stopPoll: Telegram's final counts replace whatever the updates said (null when it could not tell). */
    async confirmStopped(copyId: number, token: string, final: { counts: number[]; totalVoters: number } | null, lastError: string | null = null): Promise<void> {
      await db.pollCopy.updateMany({
        where: { id: copyId, claimToken: token },
        data: {
          state: "closed", claimToken: null, claimedAt: null, attempts: 0, lastError, dueAt: new Date(0),
          ...(final ? { counts: JSON.stringify(final.counts), totalVoters: final.totalVoters, countsVersion: FINAL_VERSION } : {}),
        },
      });
    },

    /** Records the results message (0 = given up), under the claim. */
    async confirmResults(copyId: number, token: string, messageId: number, lastError: string | null = null): Promise<void> {
      await db.$transaction(async (tx) => {
        const { count } = await tx.pollCopy.updateMany({
          where: { id: copyId, claimToken: token },
          data: { resultsMessageId: messageId, claimToken: null, claimedAt: null, lastError },
        });
        const copy = count === 1 ? await tx.pollCopy.findUnique({ where: { id: copyId }, select: { chatId: true } }) : null;
        if (copy) await raiseLastMessageId(tx, copy.chatId, messageId);
      });
    },

    /** Gives the work back (a later try) or ends it (failed), under the claim. */
    async release(copy: PollCopy, token: string, data: { state?: string; dueAt?: Date; lastError: string; chatId?: string; resetAttempts?: boolean }): Promise<void> {
      await db.pollCopy.updateMany({
        where: { id: copy.id, claimToken: token },
        data: {
          state: data.state ?? (copy.state === "sending" || copy.state === "pending" ? "pending" : copy.state),
          claimToken: null, claimedAt: null, lastError: data.lastError.slice(0, 500),
          ...(data.dueAt ? { dueAt: data.dueAt } : {}),
          ...(data.chatId ? { chatId: data.chatId } : {}),
          ...(data.resetAttempts ? { attempts: { decrement: 1 } } : {}),
        },
      });
    },

    /** A copy whose poll closed before it could go out (e.g. a retry after the close) is not posted at all. */
    async abandon(copyId: number): Promise<void> {
      await db.pollCopy.updateMany({ where: { id: copyId, state: "pending", claimToken: null }, data: { state: "closed", lastError: "closed before it was posted" } });
    },

    /** Tokens of the copies claimed now, whoever claimed them (see delivery/claim-tokens.ts). */
    async claims(): Promise<string[]> {
      const rows = await db.$queryRaw<Array<{ claimToken: string }>>`
        SELECT DISTINCT "claimToken" FROM "PollCopy" WHERE "claimToken" IS NOT NULL`;
      return rows.map((row) => row.claimToken);
    },

    /** Claims left by an instance that died. */
    orphans(deadTokens: string[]): Promise<PollCopy[]> {
      return db.pollCopy.findMany({ where: { claimToken: { in: deadTokens } } });
    },

    /**
     * Frees an orphaned claim. A poll that was being sent is sent again: unlike a text post it cannot be
     * recognised in the chat afterwards, so this is the one at-least-once window (a crash between
     * Telegram's answer and our write, a few milliseconds).
     */
    async freeOrphan(copy: PollCopy): Promise<boolean> {
      const { count } = await db.pollCopy.updateMany({
        where: { id: copy.id, claimToken: copy.claimToken },
        data: { claimToken: null, claimedAt: null, dueAt: new Date(0), ...(copy.state === "sending" ? { state: "pending" } : {}) },
      });
      return count === 1;
    },

    /** Where the article went in this chat, for polls posted "right after the article". */
    async articleDelivery(articleId: number, chatId: string): Promise<{ state: string; messageId: number | null } | null> {
      return db.delivery.findFirst({ where: { articleId, channel: { chatId } }, select: { state: true, messageId: true } });
    },

    async channelLanguage(chatId: string): Promise<string | null> {
      return (await db.channel.findUnique({ where: { chatId }, select: { language: true } }))?.language ?? null;
    },

    async chatIdTaken(pollId: number, chatId: string): Promise<boolean> {
      return (await db.pollCopy.count({ where: { pollId, chatId } })) > 0;
    },
  };
}

export type PollCopyRepository = ReturnType<typeof createPollCopyRepository>;
