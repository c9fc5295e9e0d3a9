import type { Tx } from "../db/create-database.ts";
import type { Article, Delivery, Channel } from "../db/generated/sqlite/client.ts";

export type ArticleRow = Article;
export type DeliveryRow = Delivery;
export type DeliveryWithChannel = Delivery & { channel: Channel };
export type ArticleWithDeliveries = Article & { deliveries: DeliveryWithChannel[] };

export type DeliveryState = "pending" | "sending" | "sent" | "withdrawn" | "failed";
export type DeliveryAction = "post" | "edit" | "withdraw";

const withDeliveries = { deliveries: { include: { channel: true }, orderBy: { channelId: "asc" } } } as const;

export function createArticleRepository(db: Tx) {
  return {
    /**
     * Inside a transaction: holds the article's row and its delivery rows until the transaction ends, so
     * an edit reads what the previous edit wrote and no two edits share a revision. `UPDATE … SET x = x`
     * takes the same row lock as `SELECT … FOR UPDATE` on PostgreSQL (whose READ COMMITTED would
     * otherwise let two edits read the same revision), and is valid SQLite, where transactions are
     * serialised anyway. Reads after it see the latest committed rows.
     */
    async lockForUpdate(externalId: string, tx: Tx = db): Promise<void> {
      await tx.$executeRaw`UPDATE "Article" SET "revision" = "revision" WHERE "externalId" = ${externalId}`;
      await tx.$executeRaw`UPDATE "Delivery" SET "targetRevision" = "targetRevision"
        WHERE "articleId" IN (SELECT "id" FROM "Article" WHERE "externalId" = ${externalId})`;
    },
    findByExternalId(externalId: string, tx: Tx = db): Promise<ArticleWithDeliveries | null> {
      return tx.article.findUnique({ where: { externalId }, include: withDeliveries });
    },
    async findByUrl(url: string, tx: Tx = db): Promise<ArticleWithDeliveries | null> {
      return tx.article.findFirst({ where: { url }, orderBy: { id: "desc" }, include: withDeliveries });
    },
    byId(id: number, tx: Tx = db): Promise<ArticleWithDeliveries | null> {
      return tx.article.findUnique({ where: { id }, include: withDeliveries });
    },
    list(query: { limit: number; beforeId?: number; status?: string }, tx: Tx = db): Promise<ArticleWithDeliveries[]> {
      return tx.article.findMany({
        where: {
          ...(query.beforeId ? { id: { lt: query.beforeId } } : {}),
          // Archived rows are a feed's back catalogue, never posted: listed only when asked for.
          ...(query.status ? { status: query.status } : { status: { not: "archived" } }),
        },
        orderBy: { id: "desc" },
        take: query.limit,
        include: withDeliveries,
      });
    },
    create(data: Parameters<Tx["article"]["create"]>[0]["data"], tx: Tx = db): Promise<ArticleRow> {
      return tx.article.create({ data });
    },
    update(id: number, data: Parameters<Tx["article"]["update"]>[0]["data"], tx: Tx = db): Promise<ArticleRow> {
      return tx.article.update({ where: { id }, data });
    },
    async addDeliveries(articleId: number, channelIds: number[], revision: number, dueAt: Date, tx: Tx = db): Promise<void> {
      for (const channelId of channelIds) {
        await tx.delivery.create({ data: { articleId, channelId, targetRevision: revision, dueAt, action: "post" } });
      }
    },
    deliveriesOf(articleId: number, tx: Tx = db): Promise<DeliveryRow[]> {
      return tx.delivery.findMany({ where: { articleId } });
    },
    async updateDelivery(id: number, data: Parameters<Tx["delivery"]["update"]>[0]["data"], tx: Tx = db): Promise<void> {
      await tx.delivery.update({ where: { id }, data });
    },
  };
}

export type ArticleRepository = ReturnType<typeof createArticleRepository>;
