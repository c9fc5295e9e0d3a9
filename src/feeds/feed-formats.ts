// The four shapes feedsmith returns (RSS 2.0, Atom, RDF, JSON Feed), flattened into one raw item shape.
// No cleaning here — only "where does each format keep the guid, the link, the picture". parse-feed.ts
// does the cleaning once for all formats.
import type { AnyFeed } from "feedsmith";

export interface RawItem {
  guid: string | null;
  /** the guid may stand in for a missing link (RSS isPermaLink, an http Atom id) */
  guidIsLink: boolean;
  link: string | null;
  /** text that may carry inline markup and entities */
  title: string | null;
  /** HTML */
  summary: string | null;
  /** HTML */
  content: string | null;
  /** candidate image URLs, best first (may be relative) */
  images: string[];
  categories: string[];
  author: string | null;
  date: string | null;
  language: string | null;
}

export interface RawFeed {
  title: string | null;
  siteLink: string | null;
  language: string | null;
  items: RawItem[];
}

type Media = {
  contents?: Array<{ url?: string; type?: string; medium?: string }>;
  groups?: Array<{ contents?: Array<{ url?: string; type?: string; medium?: string }>; thumbnails?: Array<{ url?: string }> }>;
  thumbnails?: Array<{ url?: string }>;
};
type Enclosure = { url?: string; type?: string };

const IMAGE_EXTENSION = /\.(jpe?g|png|gif|webp|avif)([?#]|$)/i;

function isImage(file: { url?: string; type?: string; medium?: string }): boolean {
  if (!file.url) return false;
  if (file.medium) return file.medium === "image";
  if (file.type) return file.type.toLowerCase().startsWith("image/");
  return IMAGE_EXTENSION.test(file.url);
}

function imagesFrom(enclosures: Enclosure[] | undefined, media: Media | undefined, extra: Array<string | undefined> = []): string[] {
  const files = [
    ...(enclosures ?? []),
    ...(media?.contents ?? []),
    ...(media?.groups ?? []).flatMap((g) => g.contents ?? []),
  ];
  const thumbnails = [...(media?.thumbnails ?? []), ...(media?.groups ?? []).flatMap((g) => g.thumbnails ?? [])];
  return [...files.filter(isImage).map((f) => f.url), ...thumbnails.map((t) => t.url), ...extra]
    .filter((url): url is string => typeof url === "string" && url.trim() !== "");
}

/** Atom text constructs arrive as `{ value, type }`; be lenient in case a plain string turns up. */
function textOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "value" in value) return String((value as { value?: unknown }).value ?? "") || null;
  return null;
}

function escapeText(text: string | undefined): string | null {
  return text ? text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;") : null;
}

export function rawItemsOf(parsed: AnyFeed): RawFeed {
  switch (parsed.format) {
    case "rss": {
      const feed = parsed.feed;
      return {
        title: feed.title ?? null, siteLink: feed.link ?? null, language: feed.language ?? feed.dc?.languages?.[0] ?? null,
        items: (feed.items ?? []).map((item) => ({
          guid: item.guid?.value ?? null,
          guidIsLink: item.guid?.isPermaLink !== false,
          link: item.link ?? item.atom?.links?.find((l) => !l.rel || l.rel === "alternate")?.href ?? null,
          title: item.title ?? item.dc?.titles?.[0] ?? null,
          summary: item.description ?? item.dc?.descriptions?.[0] ?? null,
          content: item.content?.encoded ?? null,
          images: imagesFrom(item.enclosures, item.media, [item.itunes?.image]),
          categories: [...(item.categories ?? []).map((c) => c.name), ...(item.dc?.subjects ?? [])].filter((c): c is string => !!c),
          author: item.dc?.creators?.[0] ?? item.authors?.[0]?.name ?? item.authors?.[0]?.email ?? null,
          date: item.pubDate ?? item.dc?.dates?.[0] ?? null,
          language: item.dc?.languages?.[0] ?? null,
        })),
      };
    }
    case "atom": {
      const feed = parsed.feed;
      const alternate = (links: Array<{ href?: string; rel?: string }> | undefined) =>
        links?.find((l) => !l.rel || l.rel === "alternate")?.href ?? null;
      return {
        title: textOf(feed.title), siteLink: alternate(feed.links), language: feed.xml?.lang ?? null,
        items: (feed.entries ?? []).map((entry) => ({
          guid: entry.id ?? null,
          guidIsLink: /^https?:\/\//i.test(entry.id ?? ""),
          link: alternate(entry.links),
          title: textOf(entry.title),
          summary: textOf(entry.summary),
          content: entry.content?.type === "text" ? escapeText(entry.content.value) : entry.content?.value ?? null,
          images: imagesFrom(entry.links?.filter((l) => l.rel === "enclosure").map((l) => ({ url: l.href, type: l.type })), entry.media, [entry.itunes?.image]),
          categories: (entry.categories ?? []).map((c) => c.label ?? c.term).filter((c): c is string => !!c),
          author: entry.authors?.[0]?.name ?? entry.dc?.creators?.[0] ?? null,
          date: entry.published ?? entry.updated ?? null,
          language: entry.xml?.lang ?? null,
        })),
      };
    }
    case "rdf": {
      const feed = parsed.feed;
      return {
        title: feed.title ?? null, siteLink: feed.link ?? null, language: feed.dc?.languages?.[0] ?? null,
        items: (feed.items ?? []).map((item) => ({
          // RSS 1.0 has no guid: rdf:about is the item's URL, so the link is its identity.
          guid: null, guidIsLink: false,
          link: item.link ?? item.rdf?.about ?? null,
          title: item.title ?? item.dc?.titles?.[0] ?? null,
          summary: item.description ?? item.dc?.descriptions?.[0] ?? null,
          content: item.content?.encoded ?? null,
          images: imagesFrom(undefined, item.media),
          categories: item.dc?.subjects ?? [],
          author: item.dc?.creators?.[0] ?? null,
          date: item.dc?.dates?.[0] ?? null,
          language: item.dc?.languages?.[0] ?? null,
        })),
      };
    }
    case "json": {
      const feed = parsed.feed;
      return {
        title: feed.title ?? null, siteLink: feed.home_page_url ?? null, language: feed.language ?? null,
        items: (feed.items ?? []).map((item) => ({
          guid: item.id === undefined || item.id === null ? null : String(item.id),
          guidIsLink: false,
          link: item.url ?? item.external_url ?? null,
          // JSON Feed titles are plain text; escaping keeps a literal "<" from being read as a tag.
          title: item.title ? escapeText(item.title) : null,
          summary: item.summary ? escapeText(item.summary) : null,
          content: item.content_html ?? escapeText(item.content_text),
          images: imagesFrom(item.attachments?.map((a) => ({ url: a.url, type: a.mime_type })), undefined, [item.image, item.banner_image]),
          categories: item.tags ?? [],
          author: item.authors?.[0]?.name ?? null,
          date: item.date_published ?? item.date_modified ?? null,
          language: item.language ?? null,
        })),
      };
    }
  }
}
