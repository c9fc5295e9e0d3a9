// Feed text → normalized items. Pure: feedsmith reads RSS 2.0, Atom, RDF (RSS 1.0) and JSON Feed; this
// file flattens the four shapes into one, cleans the untrusted text, and rejects — with a reason each —
// the items an article cannot be made of. One bad item never costs the rest of the feed.
import { parseFeed as parseAnyFeed, type AnyFeed } from "feedsmith";
import { cleanText, normalizeWhitespace } from "../text/clean.ts";
import { EARLIEST, LATEST } from "../input/date-time.ts";
import { cleanInline, htmlToText } from "../text/html.ts";
import { truncate } from "../text/truncate.ts";
import { rawItemsOf, type RawItem } from "./feed-formats.ts";

export interface FeedItem {
  /** the item's own id (guid, Atom id, JSON id), when it has one */
  guid: string | null;
  /** what identifies the item across polls: the guid, falling back to the link */
  key: string;
  link: string;
  title: string;
  lead: string | null;
  body: string | null;
  imageUrl: string | null;
  section: string | null;
  tags: string[];
  author: string | null;
  publishedAt: Date | null;
  language: string | null;
  /** position in the document (0 = first): feeds list the newest first, which breaks ties between dates */
  position: number;
}

export interface RejectedItem {
  position: number;
  id: string | null;
  reason: string;
}

export interface ParsedFeed {
  format: AnyFeed["format"];
  title: string | null;
  language: string | null;
  siteUrl: string | null;
  items: FeedItem[];
  rejected: RejectedItem[];
  /** items in the document, before `maxItems` took the newest */
  total: number;
}

export class FeedParseError extends Error {
  override name = "FeedParseError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const LIMITS = { title: 1000, lead: 2000, body: 100_000, tag: 100, tags: 30, author: 200, url: 2048 };

/**
 * `feedUrl` is where the document was fetched from (after redirects): the base for relative links.
 * `maxItems` keeps only the newest items (by date; undated ones count as newest) before any of them is
 * cleaned, so a feed listing its whole archive costs what its newest items cost.
 */
export function parseFeedText(text: string, feedUrl: string, options: { maxItems?: number } = {}): ParsedFeed {
  let parsed: AnyFeed;
  try {
    parsed = parseAnyFeed(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new FeedParseError(notAFeedReason(error, text), { cause: error });
  }
  const meta = rawItemsOf(parsed);
  const siteUrl = absoluteUrl(meta.siteLink, feedUrl);
  const base = siteUrl ?? feedUrl;
  const items: FeedItem[] = [];
  const rejected: RejectedItem[] = [];
  const seen = new Map<string, number>();
  for (const [raw, position] of newestRaw(meta.items, options.maxItems ?? Number.POSITIVE_INFINITY)) {
    const result = normalizeItem(raw, base, position, meta.language);
    if (typeof result === "string") {
      rejected.push({ position, id: raw.guid ?? raw.link ?? null, reason: result });
      continue;
    }
    const first = seen.get(result.key);
    if (first !== undefined) {
      rejected.push({ position, id: result.key, reason: `duplicate of item ${first + 1}` });
      continue;
    }
    seen.set(result.key, position);
    items.push(result);
  }
  return {
    format: parsed.format, title: meta.title ? oneLine(meta.title) : null, language: languageOf(meta.language), siteUrl, items, rejected,
    total: meta.items.length,
  };
}

/** The newest `max` raw items with their positions, in document order. */
function newestRaw(items: RawItem[], max: number): Array<[RawItem, number]> {
  const indexed = items.map((raw, position): [RawItem, number] => [raw, position]);
  if (items.length <= max) return indexed;
  const time = (raw: RawItem) => parseDate(raw.date)?.getTime() ?? Number.POSITIVE_INFINITY;
  const times = indexed.map(([raw]) => time(raw));
  // Newest first; equal (or both undated) keep the document's order, which lists the newest first.
  const newest = indexed.map((_, i) => i).sort((a, b) => (times[b]! - times[a]!) || a - b).slice(0, max);
  return newest.sort((a, b) => a - b).map((i) => indexed[i]!);
}

function normalizeItem(raw: RawItem, base: string, position: number, feedLanguage: string | null): FeedItem | string {
  // The guid becomes part of the article's externalId: cleaned the same way on every poll, so it stays stable.
  const guid = raw.guid ? cleanText(raw.guid).trim() || null : null;
  // An RSS guid is a permalink unless it says otherwise: the link of an item that has no <link>.
  const linkSource = raw.link?.trim() || (raw.guidIsLink && guid ? guid : null);
  // Titles are text that CMSs sprinkle with inline tags and entities; cleanInline drops those but keeps
  // literal text such as "<дорог>" that a full HTML strip would eat.
  const title = raw.title ? oneLine(cleanInline(raw.title)) : "";
  const summaryText = raw.summary ? htmlToText(raw.summary) : "";
  const bodyText = raw.content ? htmlToText(raw.content) : "";
  if (!linkSource && !title) return "no title and no link";
  if (!linkSource) return "no link";
  const link = absoluteUrl(linkSource, base);
  if (!link) return `link is not an http(s) URL: ${truncate(linkSource, 100)}`;
  if (link.length > LIMITS.url) return `link is longer than ${LIMITS.url} characters`;
  const fallbackTitle = oneLine(summaryText || bodyText);
  if (!title && !fallbackTitle) return "no title and no text";
  const tags = [...new Set(raw.categories.map((c) => truncate(oneLine(htmlToText(c)), LIMITS.tag)).filter(Boolean))];
  return {
    guid,
    key: guid ?? link,
    link,
    title: title ? truncate(title, LIMITS.title) : truncate(fallbackTitle, 200),
    // Only a summary is a lead: with none, the post opens with the body's first paragraphs. An item whose
    // only text became its title does not repeat it as the lead.
    lead: summaryText && (title || fallbackTitle.length > 200) ? truncate(summaryText, LIMITS.lead) : null,
    body: bodyText ? truncate(bodyText, LIMITS.body) : null,
    imageUrl: firstImage(raw, base),
    section: tags[0] ?? null,
    tags: tags.slice(0, LIMITS.tags),
    author: raw.author ? truncate(oneLine(htmlToText(raw.author)), LIMITS.author) || null : null,
    publishedAt: parseDate(raw.date),
    language: languageOf(raw.language ?? feedLanguage),
    position,
  };
}

function firstImage(raw: RawItem, base: string): string | null {
  const fromHtml = [raw.content, raw.summary].map((html) => html?.match(/<img\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)/i)?.[1]);
  for (const candidate of [...raw.images, ...fromHtml]) {
    const url = candidate ? absoluteUrl(decodeAmp(candidate), base) : null;
    if (url && url.length <= LIMITS.url) return url;
  }
  return null;
}

/** Resolves a possibly relative link; anything that is not http(s) (mailto:, javascript:) is refused. */
export function absoluteUrl(value: string | null | undefined, base: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

function decodeAmp(url: string): string {
  return url.replace(/&amp;/g, "&");
}

function oneLine(text: string): string {
  return normalizeWhitespace(text).replace(/\s*\n+\s*/g, " ");
}

/** RFC 822 (RSS) or RFC 3339 (Atom, JSON Feed), both with a zone; a date the store cannot hold counts as none. */
function parseDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const time = new Date(value.trim()).getTime();
  return time >= EARLIEST && time <= LATEST ? new Date(time) : null;
}

/** "ru-RU" → "ru"; Kazakh sites often write "kz" for the language too. Anything else is kept as-is. */
function languageOf(value: string | null | undefined): string | null {
  const primary = value?.trim().toLowerCase().split(/[-_]/)[0];
  if (!primary) return null;
  return primary === "kz" ? "kk" : primary;
}

function notAFeedReason(error: unknown, text: string): string {
  const err = error as { name?: string; cause?: { message?: string } };
  if (!text.trim()) return "not a feed: the response is empty";
  if (err?.name === "MalformedError") return `not a feed: XML parse error: ${err.cause?.message ?? "malformed XML"}`;
  if (/^\s*(<!doctype html|<html)/i.test(text)) return "not a feed: got an HTML page";
  if (err?.name === "DetectError") return "not a feed: not RSS, Atom, RDF or JSON Feed";
  return `not a feed: ${(error as Error)?.message ?? String(error)}`;
}
