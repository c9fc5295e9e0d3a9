// A feed item as the article the rest of Habarshy understands. Pure: the poller hands the result to
// `articles.upsert(input, "feed", { feedId })`, or — for the archive found on a first poll — stores it
// directly with the same fields and content hash the article service would compute.
import { createHash } from "node:crypto";
import { LOCALES } from "../config.ts";
import type { ArticleInput } from "../articles/article-input.ts";
import type { FeedItem } from "./parse-feed.ts";

const MAX_EXTERNAL_ID = 200;

/** `feed:<feedId>:<guid or link>`; a key too long for the column is replaced by its SHA-256. */
export function feedExternalId(feedId: number, key: string): string {
  const plain = `feed:${feedId}:${key}`;
  if (plain.length <= MAX_EXTERNAL_ID) return plain;
  return `feed:${feedId}:sha256:${createHash("sha256").update(key).digest("hex")}`;
}

export function feedItemToArticle(item: FeedItem, feed: { id: number; language: string | null }, defaultLocale: string): ArticleInput {
  return {
    externalId: feedExternalId(feed.id, item.key),
    url: item.link,
    title: item.title,
    lead: item.lead,
    body: item.body,
    imageUrl: item.imageUrl,
    section: item.section,
    tags: item.tags,
    // The item's language, else the feed's, else the newsroom default; one we have no channels for
    // (a "de" feed) is routed as the default rather than rejected.
    language: supportedLocale(item.language) ?? supportedLocale(feed.language) ?? supportedLocale(defaultLocale) ?? undefined,
    author: item.author,
    publishedAt: item.publishedAt?.toISOString() ?? null,
  };
}

function supportedLocale(value: string | null | undefined): ArticleInput["language"] | null {
  return (LOCALES as readonly string[]).includes(value ?? "") ? (value as ArticleInput["language"]) : null;
}

export { articleRecord, type ArticleRecord } from "../articles/article-record.ts";
