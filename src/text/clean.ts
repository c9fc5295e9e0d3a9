// The one place untrusted text is cleaned where it enters: the HTTP API's schemas, feed items and the
// citizen's tip all go through cleanText. What it removes is what Telegram refuses ("text must be encoded
// in UTF-8": a lone UTF-16 surrogate) or what no reader can see but a store or a terminal trips over
// (NUL, other control characters). Identifiers are not cleaned but checked (isCleanText): changing an
// id would make two different ids one.

// C0 controls but tab and line breaks, DEL, C1 controls, zero-width space, BOM / zero-width no-break
// space, and the non-characters U+FFFE and U+FFFF.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\ufeff\ufffe\uffff]/g;
// eslint-disable-next-line no-control-regex
const INVISIBLE_OR_BREAK = /[\u0000-\u001f\u007f-\u009f\u200b\ufeff\ufffe\uffff]/;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Well-formed text without invisible control characters: a lone surrogate becomes U+FFFD (as a UTF-8
 * decoder would show it), control characters are dropped, CR LF and CR become LF. Tabs and line breaks
 * stay; spacing is left to the caller (`normalizeWhitespace` collapses it).
 */
export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATES, "\ufffd").replace(INVISIBLE, "").replace(/\r\n?/g, "\n");
}

/** True when `text` would come out of cleanText unchanged and holds no line break or tab: fit for an id. */
export function isCleanText(text: string): boolean {
  return !INVISIBLE_OR_BREAK.test(text) && isWellFormed(text);
}

/** No lone surrogate: every UTF-16 unit belongs to a character (String.prototype.isWellFormed, ES2024). */
export function isWellFormed(text: string): boolean {
  LONE_SURROGATES.lastIndex = 0;
  return !LONE_SURROGATES.test(text);
}

/** Cleans, collapses runs of spaces, keeps paragraph breaks (at most one empty line), trims. */
export function normalizeWhitespace(text: string): string {
  return cleanText(text)
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
