// Feed polling: fetch each feed in FEEDS, tell new items from known and changed ones, and hand them to the
// article service — the one place that posts and edits. A feed that fails is backed off on its own; a
// bad item — one the schema refuses or one the database refuses — is logged with its reason and skipped,
// and the rest of the feed goes on. The first poll records the archive (decision 004); a poll takes at
// most the newest MAX_ITEMS_PER_POLL items (decision 008).
import type { Database } from "../db/create-database.ts";
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import type { Metrics } from "../metrics.ts";
import type { ArticleService } from "../articles/article-service.ts";
import { ValidationError } from "../articles/article-input.ts";
import { fetchFeed, FeedFetchError } from "./fetch-feed.ts";
import { parseFeedText, FeedParseError, type FeedItem, type RejectedItem } from "./parse-feed.ts";
import { createFeedRepository, type FeedRow } from "./feed-repository.ts";
import { MAX_ITEMS_PER_POLL, planIngest, prepareItems, type Candidate } from "./feed-ingest.ts";
import { describeStoreError } from "../db/errors.ts";

export interface FeedServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  articles: ArticleService;
  defaultLocale: string;
  /** injectable for tests; the global fetch otherwise */
  fetch?: typeof fetch;
  maxBytes?: number;
  timeoutMs?: number;
  /** feeds fetched at the same time by pollAll */
  concurrency?: number;
  /** the newest items a poll takes from a feed (MAX_ITEMS_PER_POLL) */
  maxItems?: number;
  /** redirects a feed URL may take (fetch-feed's MAX_REDIRECTS) */
  maxRedirects?: number;
  metrics?: Pick<Metrics, "feedPolls">;
}

export class FeedInputError extends Error {
  override name = "FeedInputError";
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export type PollResult =
  | { status: "not-modified" }
  | { status: "ok"; items: number; published: number; updated: number; archived: number; unchanged: number; rejected: number }
  | { status: "failed"; reason: string; nextPollAt: Date | null };

const MAX_LOGGED_REJECTIONS = 20;

export function createFeedService(deps: FeedServiceDeps) {
  const repo = createFeedRepository(deps.db);
  const log = deps.logger.child({ component: "feeds" });
  // FEEDS and the feeds editors added in the console are the ones to poll: a URL removed from FEEDS keeps
  // its row (its articles point at it) but rests. An editor's pause or removal sticks across restarts,
  // FEEDS entries included, as a channel an editor disabled stays disabled.
  let configured: Set<string> | null = null;
  const polled = (feed: FeedRow) =>
    feed.status === "active" && (configured === null || configured.has(feed.url) || feed.origin === "console");
  // A slow feed may still be polling when the next cron tick or an editor asks again: share that poll.
  const inFlight = new Map<number, Promise<PollResult>>();

  function pollFeed(feed: FeedRow): Promise<PollResult> {
    const running = inFlight.get(feed.id);
    if (running) return running;
    const poll = pollOnce(feed).finally(() => inFlight.delete(feed.id));
    inFlight.set(feed.id, poll);
    return poll;
  }

  async function pollOnce(feed: FeedRow): Promise<PollResult> {
    const flog = log.child({ feed: feed.url });
    const started = Date.now();
    try {
      const fetched = await fetchFeed(feed.url, {
        fetch: deps.fetch, etag: feed.etag, lastModified: feed.lastModified, maxBytes: deps.maxBytes, timeoutMs: deps.timeoutMs,
        maxRedirects: deps.maxRedirects,
      });
      if (fetched.status === "not-modified") {
        await repo.recordNotModified(feed.id, deps.clock.now());
        deps.metrics?.feedPolls.inc({ outcome: "not_modified" });
        flog.debug({ ms: Date.now() - started }, "feed not modified");
        return fetched;
      }
      const maxItems = deps.maxItems ?? MAX_ITEMS_PER_POLL;
      const parsed = parseFeedText(fetched.text, fetched.url, { maxItems });
      if (parsed.total > maxItems) flog.warn({ total: parsed.total, taken: maxItems }, "feed lists more items than a poll takes; the newest were taken");
      const { storeFailures, ...result } = await ingest(feed, parsed.items, parsed.language, parsed.rejected, flog);
      // The validators are stored only now: had ingest failed, the next poll must get the body again. So
      // must it when an item could not be stored: the next poll tries that item again (the rest is known).
      const retry = storeFailures > 0;
      // A first poll that could not store all of its archive stays the first poll, so that the missing
      // old items are archived next time rather than taken for new ones and posted.
      await repo.recordSuccess(feed.id, {
        title: parsed.title, language: parsed.language, itemCount: parsed.items.length,
        etag: retry ? null : fetched.etag, lastModified: retry ? null : fetched.lastModified,
      }, deps.clock.now(), { firstPollDone: !(retry && feed.lastSuccessAt === null) });
      flog.info({ ...result, format: parsed.format, charset: fetched.charset, bytes: fetched.bytes, ms: Date.now() - started }, "feed polled");
      deps.metrics?.feedPolls.inc({ outcome: "ok" });
      return { status: "ok", ...result };
    } catch (error) {
      const expected = error instanceof FeedFetchError || error instanceof FeedParseError;
      // Prisma's own message names our source files and calls: the log has it, the feed's row gets the gist.
      const reason = expected ? error.message : `failed while storing items: ${describeStoreError(error)}`;
      let nextPollAt: Date | null = null;
      try {
        nextPollAt = await repo.recordFailure(feed, reason, deps.clock.now());
      } catch (storeError) {
        flog.error({ err: storeError }, "could not record the feed failure");
      }
      // The reason is the story; a stack only helps for failures that are ours, not the feed's.
      flog.warn({ reason, errorCount: feed.errorCount + 1, nextPollAt, ...(expected ? {} : { err: error }) }, "feed poll failed");
      deps.metrics?.feedPolls.inc({ outcome: "error" });
      return { status: "failed", reason, nextPollAt };
    }
  }

  async function ingest(feed: FeedRow, items: FeedItem[], language: string | null, parseRejected: RejectedItem[], flog: Logger) {
    const now = deps.clock.now();
    const { candidates, rejected } = prepareItems(items, { id: feed.id, language }, deps.defaultLocale, now);
    const known = await repo.knownArticles(candidates.map((c) => c.externalId));
    const plan = planIngest(candidates, known, { firstPoll: feed.lastSuccessAt === null, now });
    // A new item whose page is already an article (another feed, the CMS API) is not posted twice.
    const taken = await repo.knownUrls(plan.publish.map((c) => c.valid.url));
    const publish: Candidate[] = [];
    for (const candidate of plan.publish) {
      if (taken.has(candidate.valid.url)) {
        plan.archive.push(candidate);
      } else {
        publish.push(candidate);
        taken.add(candidate.valid.url);
      }
    }
    // Each item is its own unit: one the database refuses is rejected with the reason, the rest go on.
    let storeFailures = 0;
    const refusedByStore = async (candidate: Candidate, error: unknown) => {
      // A store that is down fails the whole poll (and the feed backs off); only a refused row is the item's fault.
      await repo.ping().catch(() => { throw error; });
      storeFailures++;
      const reason = `could not be stored: ${describeStoreError(error)}`;
      rejected.push({ position: candidate.item.position, id: candidate.item.key, reason });
      flog.error({ item: candidate.item.position + 1, id: candidate.item.key.slice(0, 200), err: error }, "feed item could not be stored");
    };

    const archiveFailed = await repo.insertArchived(feed.id, plan.archive);
    const byExternalId = new Map(plan.archive.map((c) => [c.externalId, c]));
    for (const { externalId, error } of archiveFailed) await refusedByStore(byExternalId.get(externalId)!, error);
    let refreshed = 0;
    for (const candidate of plan.refreshArchived) {
      try {
        await repo.updateArchived(candidate.externalId, candidate.record);
        refreshed++;
      } catch (error) {
        await refusedByStore(candidate, error);
      }
    }

    let published = 0;
    let updated = 0;
    // Oldest first, so the channel reads in the site's order.
    for (const candidate of [...publish, ...plan.update].sort((a, b) => a.order - b.order)) {
      try {
        const result = await deps.articles.upsert(candidate.raw, "feed", { feedId: feed.id });
        if (result.created) published++;
        else if (result.changed) updated++;
      } catch (error) {
        if (error instanceof ValidationError) rejected.push({ position: candidate.item.position, id: candidate.item.key, reason: error.message });
        else await refusedByStore(candidate, error);
      }
    }
    logRejected(flog, [...parseRejected, ...rejected]);
    return {
      items: items.length, published, updated,
      archived: plan.archive.length - archiveFailed.length + refreshed,
      unchanged: plan.unchanged, rejected: parseRejected.length + rejected.length, storeFailures,
    };
  }

  return {
    /** Makes sure every URL of FEEDS has a row; from now on these are the feeds pollAll visits. */
    async seed(urls: string[]): Promise<void> {
      for (const url of urls) await repo.ensure(url);
      configured = new Set(urls);
    },

    /** Polls every due feed, a few at a time; one feed's failure never touches another. */
    async pollAll(): Promise<void> {
      const now = deps.clock.now();
      const due = (await repo.list()).filter((feed) => polled(feed) && (!feed.nextPollAt || feed.nextPollAt <= now));
      const queue = [...due];
      const worker = async () => {
        for (let feed = queue.shift(); feed; feed = queue.shift()) await pollFeed(feed);
      };
      await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 4, queue.length) }, worker));
    },

    /** Polls one feed now, whatever its backoff says (an editor's "check now", tests). */
    async pollOne(feedId: number): Promise<PollResult> {
      const feed = await repo.byId(feedId);
      if (!feed) throw new Error(`no feed with id ${feedId}`);
      return pollFeed(feed);
    },

    list(): Promise<FeedRow[]> {
      return repo.list();
    },

    articleCounts: () => repo.articleCounts(),

    /** Whether pollAll visits this feed (the console shows the others as resting). */
    isPolled: polled,

    /** An editor adds a feed (the console): polled from the next run on, in every instance, after restarts too. */
    async add(rawUrl: unknown): Promise<FeedRow> {
      const url = typeof rawUrl === "string" ? rawUrl.trim() : "";
      if (url.length === 0 || url.length > 2000 || !URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
        throw new FeedInputError("url", "must be an http(s) URL of an RSS, Atom or JSON feed");
      }
      await repo.restartRemoved(url);
      const feed = await repo.addFromConsole(url);
      log.info({ feed: url, feedId: feed.id }, "feed added by an editor");
      return feed;
    },

    /** pause / resume / remove; null when there is no such feed. Removing keeps the row and its articles. */
    async setStatus(feedId: number, status: "active" | "paused" | "removed"): Promise<FeedRow | null> {
      const feed = await repo.setStatus(feedId, status);
      if (feed) log.info({ feed: feed.url, status }, "feed status changed by an editor");
      return feed;
    },
  };

  function logRejected(flog: Logger, rejected: RejectedItem[]) {
    for (const item of rejected.slice(0, MAX_LOGGED_REJECTIONS)) {
      flog.warn({ item: item.position + 1, id: item.id?.slice(0, 200), reason: item.reason }, "feed item skipped");
    }
    if (rejected.length > MAX_LOGGED_REJECTIONS) {
      flog.warn({ skipped: rejected.length, logged: MAX_LOGGED_REJECTIONS }, "more feed items skipped");
    }
  }
}

export type FeedService = ReturnType<typeof createFeedService>;
