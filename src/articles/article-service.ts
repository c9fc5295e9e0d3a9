// Creating, updating and withdrawing articles. Every path (HTTP API, feed poller, editor commands) comes
// here, so dedupe, routing to channels and the outbox rule exist once: the article and its delivery rows
// are written in one transaction, and the delivery worker is only ever told "there is work".
import type { Database, Tx } from "../db/create-database.ts";
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import { createChannelRepository } from "../channels/channel-repository.ts";
import { createArticleRepository, type ArticleRow, type ArticleWithDeliveries, type DeliveryRow } from "./article-repository.ts";
import { parseArticleInput, type ValidArticleInput } from "./article-input.ts";
import { articleRecord } from "./article-record.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { shownId } from "../db/ids.ts";
import { externalKey } from "../input/fields.ts";

export type ArticleSource = "api" | "feed" | "tip" | "editor";

export interface UpsertResult {
  article: ArticleWithDeliveries;
  created: boolean;
  /** false when the submission matched what is stored: nothing will be sent */
  changed: boolean;
}

export interface ArticleServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  defaultLocale: string;
  /** TIMEZONE: dates the CMS writes without an offset are read on this wall clock */
  timeZone?: string;
  /** wakes the delivery worker after a commit */
  onOutbox: () => void;
  /** other features' work that must commit with the article (breaking alerts): called inside its transaction */
  hooks?: ArticleHooks;
}

export interface ArticleHooks {
  /** the article was created, changed or republished */
  afterStore?(article: ArticleRow, tx: Tx): Promise<void>;
  afterWithdraw?(article: ArticleRow, tx: Tx): Promise<void>;
}

export class ArticleNotFoundError extends Error {
  override name = "ArticleNotFoundError";
  constructor(readonly externalId: string) {
    super(`no article with externalId ${externalId}`);
  }
}

export class DraftNotPublishableError extends Error {
  override name = "DraftNotPublishableError";
  constructor(readonly externalId: string) {
    super(`article ${externalId} is a draft: publish it through the site's CMS`);
  }
}

export class NotADraftError extends Error {
  override name = "NotADraftError";
  constructor(readonly externalId: string) {
    super(`article ${externalId} is not a draft`);
  }
}

export function createArticleService(deps: ArticleServiceDeps) {
  const articles = createArticleRepository(deps.db);
  const channels = createChannelRepository(deps.db);

  /** The one lookup of the external namespace: the CMS's (or a feed's) externalId, trimmed as POST trims it. */
  const byExternalId = (reference: string, tx?: Tx): Promise<ArticleWithDeliveries | null> => {
    const key = externalKey(reference);
    return key === null ? Promise.resolve(null) : articles.findByExternalId(key, tx);
  };

  /** The same lookup with the article's row locked for the rest of the transaction: edits take turns. */
  async function lockedByExternalId(reference: string, tx: Tx): Promise<ArticleWithDeliveries | null> {
    const key = externalKey(reference);
    if (key === null) return null;
    await articles.lockForUpdate(key, tx);
    return articles.findByExternalId(key, tx);
  }

  async function upsertOnce(input: ValidArticleInput, source: ArticleSource, extra: { feedId?: number; tipId?: number }): Promise<UpsertResult> {
    const now = deps.clock.now();
    const { fields, contentHash } = articleRecord(input, deps.defaultLocale);
    const language = fields.language;
    const dueAt = fields.publishAt && fields.publishAt > now ? fields.publishAt : now;

    return deps.db.$transaction(async (tx) => {
      // Concurrent edits of one article take turns here: each reads the revision the last one wrote.
      await articles.lockForUpdate(input.externalId, tx);
      const existing = await articles.findByExternalId(input.externalId, tx);
      if (!existing) {
        const article = await articles.create({
          externalId: input.externalId, ...fields, contentHash, source, status: "published",
          feedId: extra.feedId ?? null, tipId: extra.tipId ?? null,
        }, tx);
        const targets = await channels.activeFor(language, tx);
        await articles.addDeliveries(article.id, targets.map((c) => c.id), article.revision, dueAt, tx);
        await deps.hooks?.afterStore?.(article, tx);
        return { article: (await articles.byId(article.id, tx))!, created: true, changed: true };
      }
      const sameSchedule = (existing.publishAt?.getTime() ?? null) === (fields.publishAt?.getTime() ?? null);
      if (existing.contentHash === contentHash && sameSchedule && existing.status !== "withdrawn" && existing.status !== "draft") {
        return { article: existing, created: false, changed: false };
      }
      const revision = existing.revision + 1;
      const updated = await articles.update(existing.id, { ...fields, contentHash, revision, status: "published", withdrawnAt: null }, tx);
      await syncDeliveries(tx, existing, revision, language, dueAt);
      await deps.hooks?.afterStore?.(updated, tx);
      return { article: (await articles.byId(existing.id, tx))!, created: false, changed: true };
    });
  }

  /** Moves every delivery of an updated article towards the new revision, and follows a language change. */
  async function syncDeliveries(tx: Tx, existing: ArticleWithDeliveries, revision: number, language: string, dueAt: Date) {
    const targets = await channels.activeFor(language, tx);
    const targetIds = new Set(targets.map((c) => c.id));
    for (const delivery of existing.deliveries) {
      const data = targetIds.has(delivery.channelId)
        ? planUpdate(delivery, revision, dueAt)
        : planWithdrawal(delivery, revision);
      if (data) await articles.updateDelivery(delivery.id, data, tx);
    }
    const known = new Set(existing.deliveries.map((d) => d.channelId));
    const added = targets.filter((c) => !known.has(c.id)).map((c) => c.id);
    await articles.addDeliveries(existing.id, added, revision, dueAt, tx);
  }

  return {
    /** Validates and stores an article; idempotent by externalId. Throws ValidationError on bad input. */
    async upsert(raw: unknown, source: ArticleSource = "api", extra: { feedId?: number; tipId?: number } = {}): Promise<UpsertResult> {
      const input = parseArticleInput(raw, deps.timeZone);
      let result: UpsertResult;
      try {
        result = await upsertOnce(input, source, extra);
      } catch (error) {
        // The same article pushed twice at once: the loser of the insert race takes the update path.
        if (!isUniqueViolation(error)) throw error;
        result = await upsertOnce(input, source, extra);
      }
      if (result.changed) deps.onOutbox();
      return result;
    },

    async withdraw(externalId: string): Promise<ArticleWithDeliveries> {
      const article = await deps.db.$transaction(async (tx) => {
        const existing = await lockedByExternalId(externalId, tx);
        if (!existing) throw new ArticleNotFoundError(externalId);
        if (existing.status === "withdrawn") return existing;
        const revision = existing.revision + 1;
        const withdrawn = await articles.update(existing.id, { status: "withdrawn", withdrawnAt: deps.clock.now(), revision }, tx);
        for (const delivery of existing.deliveries) {
          const data = planWithdrawal(delivery, revision);
          if (data) await articles.updateDelivery(delivery.id, data, tx);
        }
        await deps.hooks?.afterWithdraw?.(withdrawn, tx);
        return (await articles.byId(existing.id, tx))!;
      });
      deps.onOutbox();
      return article;
    },

    /** Sends an article again where it is missing or failed (the editors' "publish now"). */
    async republish(externalId: string): Promise<ArticleWithDeliveries> {
      const id = await deps.db.$transaction(async (tx) => {
        const existing = await lockedByExternalId(externalId, tx);
        if (!existing) throw new ArticleNotFoundError(externalId);
        // A draft (from a tip) is raw material, perhaps without consent to publish: the CMS publishes it.
        if (existing.status === "draft") throw new DraftNotPublishableError(externalId);
        for (const delivery of existing.deliveries) {
          if (delivery.state === "failed") {
            await articles.updateDelivery(delivery.id, {
              state: "pending", attempts: 0, lastError: null, dueAt: deps.clock.now(),
              action: delivery.messageId ? "edit" : "post",
            }, tx);
          }
        }
        if (existing.status !== "withdrawn") {
          // An editor publishing a feed's archived item makes it a published article.
          const current = existing.status === "archived" ? await articles.update(existing.id, { status: "published" }, tx) : existing;
          await syncDeliveries(tx, existing, existing.revision, existing.language, deps.clock.now());
          await deps.hooks?.afterStore?.(current, tx);
        }
        return existing.id;
      });
      deps.onOutbox();
      return (await articles.byId(id))!;
    },

    /**
     * Publishes a draft (an accepted tip's article) with the editor's title, lead and the site's URL for
     * it: from here on it is an article like any other. Whether the tipster allows publication is the
     * tip's rule (tip-actions.ts), checked before this is called.
     */
    async publishDraft(externalId: string, raw: { title?: unknown; lead?: unknown; url?: unknown; imageUrl?: unknown }): Promise<UpsertResult> {
      const existing = await byExternalId(externalId);
      if (!existing) throw new ArticleNotFoundError(externalId);
      if (existing.status !== "draft") throw new NotADraftError(externalId);
      return this.upsert({
        externalId, title: raw.title, lead: raw.lead === "" ? undefined : raw.lead, url: raw.url,
        imageUrl: raw.imageUrl === "" ? undefined : raw.imageUrl,
        body: existing.body ?? undefined, section: existing.section ?? undefined, language: existing.language,
        tags: JSON.parse(existing.tags) as string[],
      }, "tip");
    },

    /** By externalId only (the API's `:externalId`): digits are the site's ids, never ours. */
    get: (externalId: string): Promise<ArticleWithDeliveries | null> => byExternalId(externalId),

    /** By our own id only: what the editors' buttons carry. */
    byId: (id: number): Promise<ArticleWithDeliveries | null> => articles.byId(id),

    /**
     * What an editor types after /post: "#12" or "№12" is our id (as the bot shows drafts); anything else is an
     * externalId, else the article's site URL (what an editor pastes).
     */
    async find(reference: string): Promise<ArticleWithDeliveries | null> {
      const ref = reference.trim();
      const own = shownId(ref);
      if (own !== undefined) return own === null ? null : articles.byId(own);
      return (await byExternalId(ref)) ?? (isHttpUrl(ref) ? await articles.findByUrl(new URL(ref).href) : null);
    },

    list(query: { limit: number; beforeId?: number; status?: string }): Promise<ArticleWithDeliveries[]> {
      return articles.list(query);
    },
  };
}

export type ArticleService = ReturnType<typeof createArticleService>;

const isHttpUrl = (text: string) => URL.canParse(text) && /^https?:$/.test(new URL(text).protocol);


type DeliveryChange = Parameters<ReturnType<typeof createArticleRepository>["updateDelivery"]>[1];

/** What an article update means for one delivery row. */
export function planUpdate(delivery: DeliveryRow, revision: number, dueAt: Date): DeliveryChange | null {
  switch (delivery.state) {
    case "pending":
      // Not posted yet: post the newest revision at the (possibly new) time; posted: edit.
      return delivery.messageId
        ? { targetRevision: revision, action: "edit" }
        : { targetRevision: revision, action: "post", dueAt };
    case "sending":
      // The worker holds it; it compares revisions when it confirms and comes back for the rest.
      return { targetRevision: revision };
    case "sent":
      return { targetRevision: revision, state: "pending", action: "edit", attempts: 0, dueAt: new Date(0) };
    case "failed":
    case "withdrawn":
      return delivery.messageId && delivery.state === "failed"
        ? { targetRevision: revision, state: "pending", action: "edit", attempts: 0, lastError: null, dueAt: new Date(0) }
        : { targetRevision: revision, state: "pending", action: "post", attempts: 0, lastError: null, messageId: null, sentRevision: null, sentText: null, sentImageUrl: null, dueAt };
    default:
      return null;
  }
}

/** What a withdrawal means for one delivery row. */
export function planWithdrawal(delivery: DeliveryRow, revision: number): DeliveryChange | null {
  if (delivery.state === "withdrawn") return null;
  if (delivery.state === "sending") return { targetRevision: revision, action: "withdraw" };
  if (!delivery.messageId) return { targetRevision: revision, state: "withdrawn", action: "withdraw" };
  return { targetRevision: revision, state: "pending", action: "withdraw", attempts: 0, lastError: null, dueAt: new Date(0) };
}
