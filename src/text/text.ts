// Text helpers for Telegram's HTML parse mode. Untrusted text (titles, leads, tips) is shortened as plain
// text first and escaped last, so a cut can never land inside a tag or an entity, and Telegram's length
// limits — counted on the text after entity parsing, in UTF-16 code units — are checked on what users see.

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => HTML_ESCAPES[char]!);
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", laquo: "«", raquo: "»",
  mdash: "—", ndash: "–", hellip: "…", bdquo: "„", ldquo: "“", rdquo: "”", lsquo: "‘", rsquo: "’", copy: "©",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Turns HTML (a CMS body, a feed description) into plain paragraphs. Not a sanitizer: output is escaped later. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(script|style|iframe|noscript)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|h[1-6]|li|blockquote|tr|figure)\s*>/gi, "\n\n")
    .replace(/<[^>]*>/g, "");
  return normalizeWhitespace(decodeEntities(text));
}

const INLINE_TAGS = /<\/?(a|b|i|u|s|em|strong|span|font|mark|small|sup|sub|abbr|cite|q|code|br|p|div|wbr|nobr)\b[^<>]*>/gi;

/**
 * For fields that are text but may carry a CMS's inline markup (titles, leads): drops the common inline
 * tags and decodes entities. Anything else — `<script>`, `<дорог>` — stays as the literal text it is.
 */
export function cleanInline(text: string): string {
  return normalizeWhitespace(decodeEntities(text.replace(INLINE_TAGS, (tag) => (/^<br/i.test(tag) ? "\n" : ""))));
}

/** Collapses runs of spaces, keeps paragraph breaks, drops control characters Telegram rejects. */
export function normalizeWhitespace(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\ufeff]/g, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export const ELLIPSIS = "…";

/**
 * Shortens plain text to at most `max` UTF-16 units, at a word boundary when one is near, with an ellipsis.
 * Never splits a surrogate pair (an emoji half would make Telegram reject the message).
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  if (max === 1) return ELLIPSIS;
  let cut = max - 1;
  if (isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
  const slice = text.slice(0, cut);
  // A boundary in the last third is worth the lost characters; a 300-character word is not.
  const boundary = Math.max(slice.lastIndexOf(" "), slice.lastIndexOf("\n"));
  const kept = boundary >= cut * 0.66 ? slice.slice(0, boundary) : slice;
  return kept.replace(/[\s,;:.\-–—]+$/u, "") + ELLIPSIS;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** "Дороги и ЖКХ" → "#Дороги_и_ЖКХ": hashtags may only hold letters, digits and underscores. */
export function toHashtag(value: string): string | undefined {
  const tag = value.trim().replace(/[^\p{L}\p{N}_]+/gu, "_").replace(/^_+|_+$/g, "").replace(/_{2,}/g, "_");
  if (tag.length === 0 || /^\d+$/.test(tag)) return undefined;
  return "#" + tag.slice(0, 60);
}
