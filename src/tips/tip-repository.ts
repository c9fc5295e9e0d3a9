// Prisma access for tips, their attachments, the relay thread and the draft article of an accepted tip.
// Methods accept an optional transaction client, like every repository here.
import type { Database, Tx } from "../db/create-database.ts";
import type { Prisma } from "../db/generated/sqlite/client.ts";
import { formatReference, type TipDraft, type TipStatus } from "./tip-types.ts";

const withDetails = { attachments: { orderBy: { position: "asc" } }, article: { select: { id: true, externalId: true, status: true } } } as const;
/** The relay itself; the Reply button's prompts are bookkeeping of the desk, not part of the thread. */
const withThread = { ...withDetails, messages: { where: { direction: { not: "desk_prompt" } }, orderBy: { id: "asc" } } } as const;

/** to_citizen / from_citizen: the relay; desk_prompt: the Reply button's prompt in the editors' chat. */
export type TipMessageDirection = "to_citizen" | "from_citizen" | "desk_prompt";

export type TipRow = Prisma.TipGetPayload<{ include: typeof withDetails }>;
export type TipWithThread = Prisma.TipGetPayload<{ include: typeof withThread }>;
export type TipMessageRow = Prisma.TipMessageGetPayload<object>;

/** First reference handed out; a fresh newsroom's first tip is T-1001, not T-1. */
const FIRST_REFERENCE = 1001;

export function createTipRepository(db: Database) {
  return {
    /**
     * One atomic statement on both providers: INSERT … ON CONFLICT DO UPDATE … RETURNING takes a row
     * lock (PostgreSQL) or the write lock (SQLite), so concurrent tips never share a number. A failed
     * tip after this leaves a gap, which is harmless for a reference.
     */
    async nextReference(tx: Tx = db): Promise<string> {
      const rows = await tx.$queryRaw<Array<{ value: number | bigint }>>`
        INSERT INTO "Counter" ("name", "value") VALUES ('tip', ${FIRST_REFERENCE})
        ON CONFLICT ("name") DO UPDATE SET "value" = "Counter"."value" + 1
        RETURNING "value"`;
      return formatReference(Number(rows[0]!.value));
    },

    async create(data: { reference: string; userId: number; language: string; draft: TipDraft; submissionKey?: string },
      tx: Tx = db): Promise<TipRow> {
      const { draft } = data;
      return tx.tip.create({
        data: {
          reference: data.reference, userId: data.userId, language: data.language, submissionKey: data.submissionKey ?? null,
          topic: draft.topic, text: draft.text, voiceFileId: draft.voiceFileId ?? null,
          placeText: draft.placeText ?? null, latitude: draft.latitude ?? null, longitude: draft.longitude ?? null,
          contactPhone: draft.contactPhone ?? null, consent: draft.consent,
          attachments: { create: draft.attachments.map((a, position) => ({ kind: a.kind, fileId: a.fileId, position })) },
        },
        include: withDetails,
      });
    },

    byId: (id: number, tx: Tx = db): Promise<TipWithThread | null> => tx.tip.findUnique({ where: { id }, include: withThread }),
    byReference: (reference: string, tx: Tx = db): Promise<TipWithThread | null> =>
      tx.tip.findUnique({ where: { reference }, include: withThread }),
    bySubmissionKey: (submissionKey: string, tx: Tx = db): Promise<TipRow | null> =>
      tx.tip.findUnique({ where: { submissionKey }, include: withDetails }),
    byCard: (editorChatId: string, cardMessageId: number, tx: Tx = db): Promise<TipRow | null> =>
      tx.tip.findFirst({ where: { editorChatId, cardMessageId }, include: withDetails }),

    list(query: { limit: number; beforeId?: number; status?: TipStatus | readonly TipStatus[]; topic?: string }, tx: Tx = db): Promise<TipRow[]> {
      const status = typeof query.status === "string" ? query.status : query.status ? { in: [...query.status] } : undefined;
      return tx.tip.findMany({
        where: {
          ...(status ? { status } : {}), ...(query.topic ? { topic: query.topic } : {}),
          ...(query.beforeId ? { id: { lt: query.beforeId } } : {}),
        },
        orderBy: { id: "desc" },
        take: query.limit,
        include: withDetails,
      });
    },

    /** Compare-and-set, so two editors pressing at once cannot both apply a transition. */
    async setStatus(id: number, from: TipStatus, to: TipStatus, handledBy?: string, tx: Tx = db): Promise<boolean> {
      const { count } = await tx.tip.updateMany({ where: { id, status: from }, data: { status: to, ...(handledBy ? { handledBy } : {}) } });
      return count === 1;
    },

    async setHandledBy(id: number, handledBy: string, tx: Tx = db): Promise<void> {
      await tx.tip.update({ where: { id }, data: { handledBy } });
    },

    /** Ids of tips whose card never reached the editors (spam excepted), oldest first, after `afterId`. */
    async withoutCard(afterId: number, limit: number, tx: Tx = db): Promise<number[]> {
      const rows = await tx.tip.findMany({
        where: { cardMessageId: null, status: { not: "spam" }, id: { gt: afterId } },
        orderBy: { id: "asc" }, take: limit, select: { id: true },
      });
      return rows.map((row) => row.id);
    },

    countWithoutCard: (tx: Tx = db): Promise<number> => tx.tip.count({ where: { cardMessageId: null, status: { not: "spam" } } }),

    async setCard(id: number, editorChatId: string, cardMessageId: number, tx: Tx = db): Promise<void> {
      await tx.tip.update({ where: { id }, data: { editorChatId, cardMessageId, cardClaim: null } });
    },

    /** Takes the tip's card for this instance to post; false when it is out or another post is under way. */
    async claimCard(id: number, token: string, tx: Tx = db): Promise<boolean> {
      const { count } = await tx.tip.updateMany({
        where: { id, cardMessageId: null, cardClaim: null, status: { not: "spam" } }, data: { cardClaim: token },
      });
      return count === 1;
    },

    /** Gives the card back after a refusal, so the next sweep tries it again. */
    async releaseCard(id: number, token: string, tx: Tx = db): Promise<void> {
      await tx.tip.updateMany({ where: { id, cardClaim: token }, data: { cardClaim: null } });
    },

    /** Tokens of cards being posted now, whoever claimed them. */
    async cardClaims(tx: Tx = db): Promise<string[]> {
      const rows = await tx.tip.findMany({ where: { cardClaim: { not: null }, cardMessageId: null }, select: { cardClaim: true }, distinct: ["cardClaim"] });
      return rows.map((row) => row.cardClaim!);
    },

    /** Frees the cards claimed by instances that are gone (posted again: see tip-card-outbox.ts). */
    async freeCardClaims(tokens: string[], tx: Tx = db): Promise<number> {
      const { count } = await tx.tip.updateMany({ where: { cardClaim: { in: tokens } }, data: { cardClaim: null } });
      return count;
    },

    addMessage(data: { tipId: number; direction: TipMessageDirection; text?: string | null; fileId?: string | null;
      editorMessageId?: number | null; citizenMessageId?: number | null }, tx: Tx = db): Promise<TipMessageRow> {
      return tx.tipMessage.create({ data });
    },

    /**
     * A message of ours in the editors' chat with one of these directions; message ids are per chat, so
     * the tip's chat must match.
     */
    messageInEditorChat: (editorChatId: string, editorMessageId: number, directions: readonly TipMessageDirection[], tx: Tx = db) =>
      tx.tipMessage.findFirst({
        where: { editorMessageId, direction: { in: [...directions] }, tip: { editorChatId } },
        include: { tip: { include: withDetails } },
      }),

    messageInCitizenChat: (userId: number, citizenMessageId: number, tx: Tx = db) =>
      tx.tipMessage.findFirst({ where: { citizenMessageId, tip: { userId } }, include: { tip: { include: withDetails } } }),

    /** The citizen's newest tip that the newsroom has written about and that is still open. */
    latestOpenThread: (userId: number, statuses: readonly TipStatus[], tx: Tx = db): Promise<TipRow | null> =>
      tx.tip.findFirst({
        where: { userId, status: { in: [...statuses] }, messages: { some: { direction: "to_citizen" } } },
        orderBy: { id: "desc" }, include: withDetails,
      }),

    /** A draft article linked to the tip: status draft and no Delivery rows, so the worker never posts it. */
    async createDraftArticle(data: { tipId: number; externalId: string; title: string; body: string; section: string;
      language: string; contentHash: string }, tx: Tx = db) {
      return tx.article.create({
        data: { ...data, url: "", status: "draft", source: "tip", tags: "[]" },
        select: { id: true, externalId: true, status: true },
      });
    },

    articleOf: (tipId: number, tx: Tx = db) =>
      tx.article.findUnique({ where: { tipId }, select: { id: true, externalId: true, status: true } }),
  };
}

export type TipRepository = ReturnType<typeof createTipRepository>;
