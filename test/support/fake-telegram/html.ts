/**
 * Telegram's HTML parse mode, re-implemented closely enough that a message the fake
 * accepts is a message Telegram accepts. The real parser (tdlib `parse_html`) counts
 * limits on the resulting plain text and reports errors with a UTF-8 byte offset into
 * the source; both matter to the product, which escapes user text and truncates posts.
 *
 * One deliberate strictness: Telegram tolerates a stray "&" that starts no entity, but
 * the Bot API docs say it must be escaped, so the fake rejects it to catch unescaped output.
 */
import { badRequest, type TelegramError } from "./errors.ts";

export interface TextEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

export interface ParsedText {
  text: string;
  entities: TextEntity[];
}

const ENTITY_BY_TAG: Record<string, string> = {
  b: "bold", strong: "bold", i: "italic", em: "italic", u: "underline", ins: "underline",
  s: "strikethrough", strike: "strikethrough", del: "strikethrough",
  span: "spoiler", "tg-spoiler": "spoiler", a: "text_link", "tg-emoji": "custom_emoji",
  code: "code", pre: "pre", blockquote: "blockquote",
};

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

interface OpenTag {
  tag: string;
  start: number; // index into the source, for error offsets
  offset: number; // UTF-16 offset into the plain text
  attrs: Map<string, string>;
  language?: string; // set on <pre> by a nested <code class="language-x">
}

export function parseHtml(html: string): ParsedText {
  // Fast path: most texts in benchmarks carry no markup at all.
  if (!/[<&]/.test(html)) return { text: html, entities: [] };
  // tdlib puts some details after the offset: "Unmatched end tag at byte offset 7, expected …".
  const fail = (reason: string, at: number, details = ""): TelegramError =>
    badRequest(`can't parse entities: ${reason} at byte offset ${Buffer.byteLength(html.slice(0, at))}${details}`);

  let text = "";
  const stack: OpenTag[] = [];
  const entities: TextEntity[] = [];
  let i = 0;
  while (i < html.length) {
    const next = nextSpecial(html, i);
    text += html.slice(i, next);
    i = next;
    if (i >= html.length) break;
    if (html[i] === "&") {
      const decoded = decodeEntity(html, i);
      if (!decoded) throw fail('Character "&" must be escaped as &amp;', i);
      text += decoded.value;
      i = decoded.end;
    } else if (html[i + 1] === "/") {
      i = closeTag(html, i, stack, entities, text.length, fail);
    } else {
      const { tag, end } = openTag(html, i, fail);
      stack.push({ ...tag, offset: text.length });
      i = end;
    }
  }
  const unclosed = stack.pop();
  if (unclosed) throw fail(`Can't find end tag corresponding to start tag "${unclosed.tag}"`, unclosed.start);
  if (entities.length > 1) entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

function nextSpecial(s: string, from: number): number {
  for (let j = from; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 60 /* < */ || c === 38 /* & */) return j;
  }
  return s.length;
}

function decodeEntity(s: string, at: number): { value: string; end: number } | undefined {
  const semi = s.indexOf(";", at + 1);
  if (semi < 0 || semi - at > 12) return undefined;
  const body = s.slice(at + 1, semi);
  const named = NAMED_ENTITIES[body];
  if (named) return { value: named, end: semi + 1 };
  const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(body);
  if (!m) return undefined;
  const code = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2] ?? "", 10);
  if (!(code > 0 && code <= 0x10ffff)) return undefined;
  return { value: String.fromCodePoint(code), end: semi + 1 };
}

function decodeAttr(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot);/g, (m) => decodeEntity(m, 0)?.value ?? m);
}

type Fail = (reason: string, at: number, details?: string) => TelegramError;

function openTag(html: string, at: number, fail: Fail): { tag: Omit<OpenTag, "offset">; end: number } {
  let j = at + 1;
  while (j < html.length && !/[\s>]/.test(html[j] ?? "")) j++;
  if (j >= html.length) throw fail("Unclosed start tag", at);
  const tag = html.slice(at + 1, j).toLowerCase();
  if (!(tag in ENTITY_BY_TAG)) throw fail(`Unsupported start tag "${tag}"`, at);
  const attrs = new Map<string, string>();
  for (;;) {
    while (/\s/.test(html[j] ?? "")) j++;
    if (j >= html.length) throw fail("Unclosed start tag", at);
    if (html[j] === ">") break;
    const nameStart = j;
    while (j < html.length && !/[\s=>]/.test(html[j] ?? "")) j++;
    const name = html.slice(nameStart, j).toLowerCase();
    let value = "";
    if (html[j] === "=") {
      j++;
      const quote = html[j];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, j + 1);
        if (close < 0) throw fail("Unclosed start tag", at);
        value = html.slice(j + 1, close);
        j = close + 1;
      } else {
        const valueStart = j;
        while (j < html.length && !/[\s>]/.test(html[j] ?? "")) j++;
        value = html.slice(valueStart, j);
      }
    }
    attrs.set(name, decodeAttr(value));
  }
  if (tag === "span" && attrs.get("class") !== "tg-spoiler") {
    throw fail('Tag "span" must have class "tg-spoiler"', at);
  }
  if (tag === "tg-emoji" && !/^\d+$/.test(attrs.get("emoji-id") ?? "")) {
    throw fail('Tag "tg-emoji" must have a numeric attribute "emoji-id"', at);
  }
  return { tag: { tag, start: at, attrs }, end: j + 1 };
}

function closeTag(
  html: string, at: number, stack: OpenTag[], entities: TextEntity[], textLength: number, fail: Fail,
): number {
  const gt = html.indexOf(">", at + 2);
  if (gt < 0) throw fail("Unclosed end tag", at);
  const name = html.slice(at + 2, gt).trim().toLowerCase();
  const open = stack.pop();
  if (!open) throw fail("Unexpected end tag", at);
  if (open.tag !== name) throw fail("Unmatched end tag", at, `, expected "</${open.tag}>", found "</${name}>"`);
  const length = textLength - open.offset;
  const parent = stack[stack.length - 1];
  const language = open.attrs.get("class")?.match(/^language-(.+)$/)?.[1];
  // <pre><code class="language-x"> is one `pre` entity with a language, not two entities.
  if (open.tag === "code" && language && parent?.tag === "pre") {
    parent.language = language;
    return gt + 1;
  }
  if (length === 0) return gt + 1; // Telegram drops empty entities
  const entity: TextEntity = { type: ENTITY_BY_TAG[open.tag] ?? open.tag, offset: open.offset, length };
  if (open.tag === "a") {
    const href = open.attrs.get("href");
    if (!href) return gt + 1; // <a> without href is plain text
    entity.url = href;
  }
  if (open.tag === "pre" && open.language) entity.language = open.language;
  if (open.tag === "tg-emoji") entity.custom_emoji_id = open.attrs.get("emoji-id");
  if (open.tag === "blockquote" && open.attrs.has("expandable")) entity.type = "expandable_blockquote";
  entities.push(entity);
  return gt + 1;
}
