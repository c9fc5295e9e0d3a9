// Broadcasts as the newsroom sees them: alerts that follow breaking articles, digests on the readers'
// schedule, editors' announcements, their progress and cancellation. The bot, the HTTP API, the article
// service's hooks and the scheduler all come here; the engine does the sending.
import type { Database, Tx } from "../db/create-database.ts";
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import { isUniqueViolation } from "../db/errors.ts";
import type { BroadcastRepository, BroadcastRow } from "./broadcast-repository.ts";
import type { Content } from "./broadcast-content.ts";
import { dueSlots, DAY_MS } from "./digest-schedule.ts";
import { parseAnnouncement } from "./broadcast-input.ts";
import { audienceOf } from "./audience.ts";
import type { ReaderMessage } from "./reader-messages.ts";
import { BroadcastNotFoundError, BroadcastStateError, type BroadcastProgress, type BroadcastStatus } from "./broadcast-types.ts";

/** Recipient rows of finished broadcasts are kept this long (figures, and deleting withdrawn alerts). */
export const RECIPIENTS_KEPT_DAYS = 30;

export interface BroadcastServiceDeps {
  db: Database;
  repo: BroadcastRepository;
  content: Content;
  clock: Clock;
  logger: Logger;
  timezone: string;
  /** DIGEST_TIME's minute: digests go out at HH:MM of each reader's hour */
  digestMinute: number;
  defaultLocale: string;
}

/** The engine, attached once it exists (it is built after the services that wake it). */
export interface BroadcastRunner {
  wake(): void;
  cancelled(id: number): void;
}

interface ArticleLike {
  id: number;
  language: string;
  status: string;
  breaking: boolean;
  publishAt: Date | null;
}

export function createBroadcastService(deps: BroadcastServiceDeps) {
  const { repo, clock } = deps;
  const log = deps.logger.child({ component: "broadcasts" });
  let runner: BroadcastRunner = { wake: () => undefined, cancelled: () => undefined };

  /** Creates a broadcast once per key: a second request (a retry, another instance) finds the first. */
  async function createOnce(data: Parameters<BroadcastRepository["create"]>[0], tx?: Tx): Promise<{ broadcast: BroadcastRow; created: boolean }> {
    const existing = data.dedupeKey ? await repo.byDedupeKey(data.dedupeKey, tx) : null;
    if (existing) return { broadcast: existing, created: false };
    try {
      return { broadcast: await repo.create(data, tx), created: true };
    } catch (error) {
      // Inside a transaction the race cannot be recovered here; the caller's transaction retries.
      if (tx || !isUniqueViolation(error) || !data.dedupeKey) throw error;
      return { broadcast: (await repo.byDedupeKey(data.dedupeKey))!, created: false };
    }
  }

  async function mustGet(id: number): Promise<BroadcastRow> {
    const broadcast = await repo.byId(id);
    if (!broadcast || broadcast.status === "draft") throw new BroadcastNotFoundError(id);
    return broadcast;
  }

  async function progressOf(broadcast: BroadcastRow): Promise<BroadcastProgress> {
    const counts = await repo.counts(broadcast.id);
    const n = (state: string) => counts[state] ?? 0;
    return {
      id: broadcast.id,
      kind: broadcast.kind as BroadcastProgress["kind"],
      status: broadcast.status as BroadcastProgress["status"],
      total: broadcast.total,
      // A deleted alert was sent all the same.
      sent: n("sent") + n("deleting") + n("deleted") + n("kept"),
      blocked: n("blocked"),
      failed: n("failed"),
      skipped: n("skipped"),
      deleted: n("deleted"),
      pending: n("pending") + n("sending"),
      createdAt: broadcast.createdAt,
      startedAt: broadcast.startedAt,
      finishedAt: broadcast.finishedAt,
    };
  }

  async function cancel(id: number): Promise<BroadcastProgress> {
    const broadcast = await mustGet(id);
    if (broadcast.status === "done") throw new BroadcastStateError(id, broadcast.status, "cancel");
    if (broadcast.status !== "cancelled") {
      const now = clock.now();
      await deps.db.$transaction(async (tx) => {
        await repo.move(id, ["queued", "sending"], { status: "cancelled", cancelledAt: now, finishedAt: now }, tx);
        await repo.skipPending(id, "cancelled", tx);
      });
      runner.cancelled(id);
      log.info({ broadcastId: id }, "broadcast cancelled");
    }
    return progressOf(await mustGet(id));
  }

  return {
    attachRunner(engine: BroadcastRunner) {
      runner = engine;
    },

    /** An editors' announcement (HTTP API): validated, queued, started at once. Throws ValidationError. */
    async announce(raw: unknown, createdBy: string): Promise<BroadcastRow> {
      const input = parseAnnouncement(raw);
      const broadcast = await repo.create({
        kind: "announcement", status: "queued", text: input.text, buttons: JSON.stringify(input.buttons),
        language: input.language, sections: JSON.stringify(input.sections), createdBy, startAt: clock.now(),
      });
      log.info({ broadcastId: broadcast.id, createdBy, language: input.language, sections: input.sections.length }, "announcement queued");
      runner.wake();
      return broadcast;
    },

    /** /broadcast in the bot: a draft the editor previews, aims and confirms. Throws ValidationError. */
    async draft(raw: unknown, createdBy: string): Promise<BroadcastRow> {
      const input = parseAnnouncement(raw);
      return repo.create({
        kind: "announcement", status: "draft", text: input.text, buttons: JSON.stringify(input.buttons),
        language: input.language, sections: JSON.stringify(input.sections), createdBy,
      });
    },

    async draftById(id: number): Promise<BroadcastRow | null> {
      const broadcast = await repo.byId(id);
      return broadcast?.status === "draft" ? broadcast : null;
    },

    async aimDraft(id: number, audience: { language?: string | null; sections?: string[] }): Promise<BroadcastRow | null> {
      const data = {
        ...(audience.language !== undefined ? { language: audience.language } : {}),
        ...(audience.sections !== undefined ? { sections: JSON.stringify(audience.sections) } : {}),
      };
      return (await repo.move(id, ["draft"], data)) ? repo.byId(id) : null;
    },

    discardDraft: (id: number) => repo.deleteDraft(id),

    /** Readers a draft would reach if sent now. */
    countAudience: (draft: BroadcastRow) => repo.countAudience(audienceOf(draft, null)),

    /** The editor pressed Send: the draft is queued (once, however often the button is pressed). */
    async confirmDraft(id: number): Promise<BroadcastRow | null> {
      if (!(await repo.move(id, ["draft"], { status: "queued", startAt: clock.now() }))) return null;
      runner.wake();
      return repo.byId(id);
    },

    async progress(id: number): Promise<BroadcastProgress> {
      return progressOf(await mustGet(id));
    },

    async list(query: { limit: number; beforeId?: number }): Promise<BroadcastProgress[]> {
      return Promise.all((await repo.list(query)).map(progressOf));
    },

    cancel,

    /**
     * Article service hook, inside the article's transaction: a published breaking article gets its alert
     * once — editing it, re-sending it or marking it breaking again finds the same broadcast.
     */
    async alertFor(article: ArticleLike, tx: Tx): Promise<void> {
      if (article.status !== "published" || !article.breaking) return;
      const now = clock.now();
      const { created } = await createOnce({
        kind: "alert", dedupeKey: `alert:${article.id}`, articleId: article.id, language: article.language,
        startAt: article.publishAt && article.publishAt > now ? article.publishAt : now,
      }, tx);
      if (created) log.info({ articleId: article.id }, "breaking alert queued");
    },

    /** Article service hook: a withdrawn article's alert stops, and its messages are deleted where Telegram allows. */
    async withdrawAlerts(article: { id: number }, tx: Tx): Promise<void> {
      const now = clock.now();
      for (const alert of await repo.byArticle(article.id, "alert", tx)) {
        await repo.move(alert.id, ["queued", "sending"], { status: "cancelled", cancelledAt: now, finishedAt: now }, tx);
        await repo.skipPending(alert.id, "article withdrawn", tx);
        if (alert.status !== "queued") await repo.update(alert.id, { deleteSent: true }, tx);
        runner.cancelled(alert.id);
      }
    },

    /** The digest job: one broadcast per due slot (each reader's hour), created once. */
    async scheduleDigests(): Promise<number> {
      let created = 0;
      for (const slot of dueSlots(clock.now(), deps.timezone, deps.digestMinute)) {
        const result = await createOnce({
          kind: "digest", dedupeKey: slot.key, digestHour: slot.hour, period: slot.weekly ? "daily,weekly" : "daily", startAt: clock.now(),
        });
        if (result.created) created++;
      }
      if (created > 0) runner.wake();
      return created;
    },

    /** /digest's "Send now": today's digest to every daily reader, each in their language and sections. */
    async sendDigestNow(requestKey: string, createdBy: string): Promise<{ broadcast: BroadcastRow; created: boolean }> {
      const result = await createOnce({ kind: "digest", dedupeKey: `digest:now:${requestKey}`, digestHour: null, period: "daily", createdBy, startAt: clock.now() });
      if (result.created) runner.wake();
      return result;
    },

    /** /digest's preview: what a daily reader of this language following every section gets now. */
    previewDigest(language: string): Promise<ReaderMessage | null> {
      const asOf = clock.now();
      return deps.content.digest({ language, sections: null, period: "daily", since: new Date(asOf.getTime() - DAY_MS), asOf });
    },

    async purgeOld(): Promise<number> {
      return repo.purgeFinished(new Date(clock.now().getTime() - RECIPIENTS_KEPT_DAYS * DAY_MS));
    },

    countReceived: (userId: number) => repo.countReceived(userId),
  };
}

export type BroadcastService = ReturnType<typeof createBroadcastService>;
export type { BroadcastStatus };
