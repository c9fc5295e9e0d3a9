// Telegram's HTML parse mode: the one escaper, and the readers of the HTML that CMSs and feeds send us.
// Untrusted text is shortened as plain text first and escaped last (see truncate.ts), so a cut can never
// land inside a tag or an entity.
import { normalizeWhitespace } from "./clean.ts";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Escapes `&`, `<`, `>` (all Telegram needs) and `"` (so the result is safe inside an attribute too). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => HTML_ESCAPES[char]!);
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", laquo: "«", raquo: "»",
  mdash: "—", ndash: "–", hellip: "…", bdquo: "„", ldquo: "“", rdquo: "”", lsquo: "‘", rsquo: "’", copy: "©",
};

/**
 * Decodes character references. A reference to no character — 0, a surrogate (`&#xD800;`), beyond
 * U+10FFFF — becomes U+FFFD, as the HTML standard says: a lone surrogate would make Telegram refuse the
 * whole message.
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      const valid = Number.isFinite(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : "\ufffd";
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
