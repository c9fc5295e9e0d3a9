// Renders an article as a Telegram post: a pure function from article to the exact payload to send.
import type { InlineKeyboardMarkup } from "grammy/types";
import { cleanInline, escapeHtml, htmlToText } from "../text/html.ts";
import { toHashtag } from "../text/hashtag.ts";
import { truncate } from "../text/truncate.ts";

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;

export interface PostSource {
  title: string;
  lead: string | null;
  body: string | null;
  url: string;
  imageUrl: string | null;
  section: string | null;
  tags: string[];
  breaking: boolean;
}

export type RenderedPost =
  | { kind: "photo"; html: string; imageUrl: string; keyboard: InlineKeyboardMarkup }
  | { kind: "text"; html: string; previewUrl: string | null; keyboard: InlineKeyboardMarkup };

export interface RenderOptions {
  readMoreLabel: string;
  breakingLabel?: string;
  /** keep the kind of an existing post: Telegram cannot turn a photo into a text message by editing */
  kind?: "photo" | "text";
}

/**
 * Bold title, the lead (or the body's opening when there is no lead), hashtags, and a "Read more" button.
 * With an image: a photo with a caption when everything fits 1024 characters, otherwise a text message
 * with the image as a large link preview above it. Text beyond 4096 characters is cut from the lead first,
 * then the title.
 */
export function renderPost(article: PostSource, options: RenderOptions): RenderedPost {
  const keyboard: InlineKeyboardMarkup = { inline_keyboard: [[{ text: options.readMoreLabel, url: article.url }]] };
  const parts = postParts(article, options);
  if (article.imageUrl && options.kind !== "text") {
    // The whole text as a caption, or — when it is longer — the whole text in a message with the image
    // as its large preview. Only an existing photo post (which cannot become text) gets a shortened caption.
    const caption = options.kind === "photo"
      ? fit(parts, CAPTION_LIMIT, { keepLeadAtLeast: 0 }) ?? fitHard(parts, CAPTION_LIMIT)
      : fit(parts, CAPTION_LIMIT, { keepLeadAtLeast: Number.POSITIVE_INFINITY });
    if (caption) return { kind: "photo", html: caption, imageUrl: article.imageUrl, keyboard };
  }
  const html = fit(parts, TEXT_LIMIT, { keepLeadAtLeast: 0 }) ?? fitHard(parts, TEXT_LIMIT);
  return { kind: "text", html, previewUrl: article.imageUrl, keyboard };
}

interface Parts {
  prefix: string;
  title: string;
  lead: string;
  hashtags: string;
}

function postParts(article: PostSource, options: RenderOptions): Parts {
  const lead = article.lead ? cleanInline(article.lead) : firstParagraphs(article.body);
  const hashtags = [article.section, ...article.tags]
    .filter((value): value is string => Boolean(value))
    .map(toHashtag)
    .filter((tag, index, all): tag is string => tag !== undefined && all.indexOf(tag) === index)
    .slice(0, 8)
    .join(" ");
  return {
    prefix: article.breaking && options.breakingLabel ? `${options.breakingLabel} ` : "",
    title: cleanInline(article.title).replace(/\n+/g, " "),
    lead,
    hashtags,
  };
}

function firstParagraphs(body: string | null): string {
  if (!body) return "";
  // A 4,000-word body is not a post: take the opening, the renderer shortens it further if needed.
  return truncate(htmlToText(truncate(body, 20_000, { ellipsis: "" })), 1500);
}

function assemble(parts: Parts, title: string, lead: string): { html: string; plainLength: number } {
  const head = `${parts.prefix}${title}`;
  const blocks = [lead, parts.hashtags].filter((block) => block.length > 0);
  const plain = [head, ...blocks].join("\n\n");
  const html = [`<b>${escapeHtml(head)}</b>`, ...blocks.map(escapeHtml)].join("\n\n");
  return { html, plainLength: plain.length };
}

/** Shortens the lead to fit `limit`; null when even `keepLeadAtLeast` characters of lead do not fit. */
function fit(parts: Parts, limit: number, { keepLeadAtLeast }: { keepLeadAtLeast: number }): string | null {
  const full = assemble(parts, parts.title, parts.lead);
  if (full.plainLength <= limit) return full.html;
  if (keepLeadAtLeast === Number.POSITIVE_INFINITY) return null;
  const withoutLead = assemble(parts, parts.title, "").plainLength;
  const room = limit - withoutLead - 2;
  if (room < Math.min(keepLeadAtLeast, parts.lead.length) || room < 20) return null;
  return assemble(parts, parts.title, truncate(parts.lead, room)).html;
}

/** Last resort for absurd titles: cut the title too. */
function fitHard(parts: Parts, limit: number): string {
  const hashtagsRoom = parts.hashtags.length + 2;
  const title = truncate(parts.title, Math.max(50, limit - hashtagsRoom - parts.prefix.length - 200));
  const shorter = { ...parts, title };
  return fit(shorter, limit, { keepLeadAtLeast: 0 }) ?? assemble({ ...shorter, hashtags: "" }, title, "").html;
}

/**
 * A stored article as its post in a channel of `language`: what the delivery worker sends and what the
 * console's preview shows, so the two never differ.
 */
export function renderArticle(
  article: Omit<PostSource, "tags"> & { tags: string },
  language: string,
  translate: (locale: string, key: string) => string,
  kind?: "photo" | "text",
): RenderedPost {
  return renderPost({ ...article, tags: JSON.parse(article.tags) as string[] }, {
    readMoreLabel: translate(language, "publishing-read-more"),
    breakingLabel: translate(language, "publishing-breaking"),
    kind,
  });
}

/** The short notice a post becomes when it is withdrawn after Telegram's 48-hour delete window. */
export function renderWithdrawal(notice: string): string {
  return `<i>${escapeHtml(notice)}</i>`;
}
