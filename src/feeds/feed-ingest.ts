// What one poll should do with each item, decided without I/O: post it, edit it, record it silently,
// or leave it alone. Kept pure so the first-poll rule (decision 004) is testable on its own.
import { parseArticleInput, ValidationError, type ArticleInput, type ValidArticleInput } from "../articles/article-input.ts";
import { ARCHIVED, type KnownArticle } from "./feed-repository.ts";
import { articleRecord, feedItemToArticle, type ArticleRecord } from "./feed-item-to-article.ts";
import type { FeedItem, RejectedItem } from "./parse-feed.ts";

/** On a feed's first successful poll, at most this many of its newest items are posted… */
export const FIRST_POLL_MAX_POSTS = 5;
/** …and only those published within this window (undated items count as recent). */
export const FIRST_POLL_MAX_AGE_MS = 48 * 60 * 60 * 1000;
/**
 * A poll takes at most this many of a feed's newest items; older ones are not even cleaned. A news feed
 * lists 20–100; one that lists its whole archive (tens of thousands) would otherwise hold the event loop
 * for seconds per poll. 500 is a day of a busy site many times over (decision 008).
 */
export const MAX_ITEMS_PER_POLL = 500;

export interface Candidate {
  item: FeedItem;
  raw: ArticleInput;
  valid: ValidArticleInput;
  externalId: string;
  record: ArticleRecord;
  /** chronological rank in this feed, 0 = oldest */
  order: number;
}

export interface IngestPlan {
  /** new items to post */
  publish: Candidate[];
  /** new items to store without posting (the archive on a first poll) */
  archive: Candidate[];
  /** posted items whose content changed: the article service edits the posts */
  update: Candidate[];
  /** archived items whose content changed: refreshed in place, still not posted */
  refreshArchived: Candidate[];
  unchanged: number;
}

/** Maps and validates every item; an item the article schema refuses is rejected with the reason. */
export function prepareItems(items: FeedItem[], feed: { id: number; language: string | null }, defaultLocale: string, now: Date) {
  const rejected: RejectedItem[] = [];
  const prepared: Array<Omit<Candidate, "order">> = [];
  const seen = new Set<string>();
  for (const item of items) {
    const raw = feedItemToArticle(item, feed, defaultLocale);
    try {
      const valid = parseArticleInput(raw);
      if (seen.has(valid.externalId)) continue;
      seen.add(valid.externalId);
      prepared.push({ item, raw, valid, externalId: valid.externalId, record: articleRecord(valid, defaultLocale) });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      rejected.push({ position: item.position, id: item.key, reason: error.message });
    }
  }
  // Newest first by date, an undated item counting as just published; equal dates keep the document's
  // order, which in every real feed lists the newest first.
  const time = (c: Omit<Candidate, "order">) => c.item.publishedAt?.getTime() ?? now.getTime();
  const newestFirst = [...prepared].sort((a, b) => time(b) - time(a) || a.item.position - b.item.position);
  const candidates: Candidate[] = newestFirst.map((c, index) => ({ ...c, order: newestFirst.length - 1 - index }));
  return { candidates, rejected };
}

export function planIngest(candidates: Candidate[], known: Map<string, KnownArticle>, options: { firstPoll: boolean; now: Date }): IngestPlan {
  const plan: IngestPlan = { publish: [], archive: [], update: [], refreshArchived: [], unchanged: 0 };
  const cutoff = options.now.getTime() - FIRST_POLL_MAX_AGE_MS;
  const firstPosts = new Set(options.firstPoll
    ? [...candidates].sort((a, b) => b.order - a.order)
      .filter((c) => !c.item.publishedAt || c.item.publishedAt.getTime() >= cutoff)
      .slice(0, FIRST_POLL_MAX_POSTS)
    : candidates);
  for (const candidate of candidates) {
    const stored = known.get(candidate.externalId);
    if (!stored) {
      (firstPosts.has(candidate) ? plan.publish : plan.archive).push(candidate);
    } else if (stored.contentHash === candidate.record.contentHash) {
      plan.unchanged++;
    } else if (stored.status === ARCHIVED) {
      plan.refreshArchived.push(candidate);
    } else if (stored.status === "withdrawn") {
      // An editor pulled it; the site still listing (or retouching) the item must not bring it back.
      plan.unchanged++;
    } else {
      plan.update.push(candidate);
    }
  }
  return plan;
}
