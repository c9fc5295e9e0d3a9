// The outbox queries: find due work, claim a row (a conditional update, safe across processes),
// confirm it with the claim token, and give orphaned claims back after a crash.
import type { Database } from "../db/create-database.ts";
import type { Article, Channel, Delivery } from "../db/generated/sqlite/client.ts";
import { pollMessageIds } from "../polls/poll-copy-repository.ts";

export type ClaimedDelivery = Delivery & { article: Article; channel: Channel };

export function createDeliveryRepository(db: Database) {
  return {
    /** Due rows for active channels, oldest first: [deliveryId, channelId] pairs. */
    async due(now: Date, limit: number): Promise<Array<{ id: number; channelId: number }>> {
      return db.delivery.findMany({
        where: { state: "pending", dueAt: { lte: now }, channel: { status: "active" } },
        orderBy: [{ dueAt: "asc" }, { id: "asc" }],
        take: limit,
        select: { id: true, channelId: true },
      });
    },

    /** Message ids of this chat's posts, polls and poll results we know, above `after`, lowest first. */
    async knownMessageIds(channelId: number, chatId: string, after: number): Promise<number[]> {
      const [posts, polls] = await Promise.all([
        db.delivery.findMany({ where: { channelId, messageId: { gt: after } }, select: { messageId: true } }),
        pollMessageIds(db, chatId, after),
      ]);
      return [...posts.map((p) => p.messageId!), ...polls].sort((a, b) => a - b);
    },

    countPending: (): Promise<number> => db.delivery.count({ where: { state: { in: ["pending", "sending"] } } }),

    /** Takes a pending row for this worker; null when someone else took it first. */
    async claim(id: number, token: string, now: Date): Promise<ClaimedDelivery | null> {
      const row = await db.delivery.findUnique({ where: { id }, include: { article: true, channel: true } });
      if (!row || row.state !== "pending" || row.channel.status !== "active") return null;
      const { count } = await db.delivery.updateMany({
        where: { id, state: "pending", updatedAt: row.updatedAt },
        data: {
          state: "sending", claimToken: token, claimedAt: now, attempts: { increment: 1 },
          probeFrom: probeFromFor(row),
        },
      });
      if (count === 0) return null;
      return { ...row, state: "sending", claimToken: token, claimedAt: now, probeFrom: probeFromFor(row) };
    },

    /**
     * Records what Telegram now shows, under the claim. If the article moved on while we were sending
     * (a newer revision, a withdrawal), the row goes back to pending for the rest.
     */
    async confirm(claim: ClaimedDelivery, outcome: {
      action: "post" | "edit" | "withdraw";
      revision: number;
      messageId?: number | null;
      kind?: string | null;
      sentText?: string | null;
      sentImageUrl?: string | null;
      silent?: boolean;
      sentAt?: Date;
    }): Promise<boolean> {
      return db.$transaction(async (tx) => {
        // Lock the row before reading it (see ArticleRepository.lockForUpdate): an edit committing between
        // our read and our write would otherwise have its newer targetRevision answered by our "sent".
        await tx.$executeRaw`UPDATE "Delivery" SET "targetRevision" = "targetRevision" WHERE "id" = ${claim.id}`;
        const current = await tx.delivery.findUnique({ where: { id: claim.id } });
        if (!current || current.claimToken !== claim.claimToken) return false;
        const withdrawn = outcome.action === "withdraw";
        const more = current.action === "withdraw" ? !withdrawn : current.targetRevision > outcome.revision;
        await tx.delivery.update({
          where: { id: claim.id },
          data: {
            state: more ? "pending" : withdrawn ? "withdrawn" : "sent",
            action: more ? (current.action === "withdraw" ? "withdraw" : "edit") : current.action,
            dueAt: more ? new Date(0) : current.dueAt,
            claimToken: null, claimedAt: null, lastError: null, attempts: 0, uncertain: false,
            sentRevision: outcome.revision,
            ...(outcome.messageId !== undefined ? { messageId: outcome.messageId } : {}),
            ...(outcome.kind !== undefined ? { kind: outcome.kind } : {}),
            ...(outcome.sentText !== undefined ? { sentText: outcome.sentText } : {}),
            ...(outcome.sentImageUrl !== undefined ? { sentImageUrl: outcome.sentImageUrl } : {}),
            ...(outcome.silent !== undefined ? { silent: outcome.silent } : {}),
            ...(outcome.sentAt ? { sentAt: outcome.sentAt } : {}),
          },
        });
        if (outcome.messageId) {
          await tx.channel.updateMany({
            where: { id: claim.channelId, OR: [{ lastMessageId: null }, { lastMessageId: { lt: outcome.messageId } }] },
            data: { lastMessageId: outcome.messageId },
          });
        }
        return true;
      });
    },

    /** Gives the row back (or fails it) after an error, under the claim. */
    async release(claim: ClaimedDelivery, data: {
      state: "pending" | "failed"; dueAt?: Date; lastError: string; messageId?: null; resetAttempts?: boolean; uncertain?: boolean;
    }): Promise<void> {
      await db.delivery.updateMany({
        where: { id: claim.id, claimToken: claim.claimToken },
        data: {
          state: data.state, lastError: data.lastError.slice(0, 500), claimToken: null, claimedAt: null,
          ...(data.dueAt ? { dueAt: data.dueAt } : {}),
          ...(data.messageId === null ? { messageId: null, action: "post" } : {}),
          ...(data.resetAttempts ? { attempts: { decrement: 1 } } : {}),
          ...(data.uncertain !== undefined ? { uncertain: data.uncertain } : {}),
        },
      });
    },

    /** Tokens of the rows being sent now, whoever claimed them (see delivery/claim-tokens.ts). */
    async claims(): Promise<string[]> {
      const rows = await db.$queryRaw<Array<{ claimToken: string }>>`
        SELECT DISTINCT "claimToken" FROM "Delivery" WHERE "state" = 'sending' AND "claimToken" IS NOT NULL`;
      return rows.map((row) => row.claimToken);
    },

    /** Rows claimed under these tokens, whose instance is gone. */
    orphans(deadTokens: string[]): Promise<ClaimedDelivery[]> {
      return db.delivery.findMany({
        where: { state: "sending", claimToken: { in: deadTokens } },
        include: { article: true, channel: true },
      });
    },

    async reclaim(orphan: ClaimedDelivery, token: string, now: Date): Promise<boolean> {
      const { count } = await db.delivery.updateMany({
        where: { id: orphan.id, state: "sending", claimToken: orphan.claimToken },
        data: { claimToken: token, claimedAt: now },
      });
      return count === 1;
    },
  };
}

export type DeliveryRepository = ReturnType<typeof createDeliveryRepository>;

/**
 * A new post is looked for after the chat's newest confirmed message; a post in doubt keeps the point it
 * was first sent from, since the copy Telegram may have lies after that one.
 */
function probeFromFor(row: Delivery & { channel: Channel }): number | null {
  if (row.action !== "post") return row.probeFrom;
  return row.uncertain ? row.probeFrom : row.channel.lastMessageId;
}
