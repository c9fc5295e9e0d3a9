// One HTTP GET of a feed: conditional headers, a timeout, a size cap, a few redirects (never into a
// private network the feed did not start in), and the bytes decoded to text in the charset the server or
// the document declares. Every failure becomes a FeedFetchError whose message is the reason an editor
// reads in `lastError` ("HTTP 404 Not Found", "timed out after 15 s").
import { checkRedirect } from "./redirect-guard.ts";

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** Sites move their feed once or twice (http → https, a new CMS path); more is a loop or a trick. */
export const MAX_REDIRECTS = 5;

const ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
  + "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";

export class FeedFetchError extends Error {
  override name = "FeedFetchError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export interface FetchFeedOptions {
  fetch?: typeof fetch;
  etag?: string | null;
  lastModified?: string | null;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
}

export type FetchFeedResult =
  | { status: "not-modified" }
  | { status: "ok"; text: string; url: string; etag: string | null; lastModified: string | null; bytes: number; charset: string };

export async function fetchFeed(url: string, options: FetchFeedOptions = {}): Promise<FetchFeedResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const headers: Record<string, string> = { accept: ACCEPT, "user-agent": options.userAgent ?? "Habarshy feed poller" };
  if (options.etag) headers["if-none-match"] = options.etag;
  if (options.lastModified) headers["if-modified-since"] = options.lastModified;

  // One signal for the whole exchange: undici aborts the body stream with it too, so a server that
  // trickles bytes forever is cut off at the same deadline as one that never answers.
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const { response, url: finalUrl } = await follow(url, { headers, signal }, options);
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: "not-modified" };
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new FeedFetchError(`HTTP ${response.status}${response.statusText ? " " + response.statusText : ""}`);
    }
    const bytes = await readCapped(response, maxBytes);
    const { text, charset } = decodeFeed(bytes, response.headers.get("content-type"));
    return {
      status: "ok", text, charset, bytes: bytes.byteLength, url: finalUrl,
      etag: response.headers.get("etag"), lastModified: response.headers.get("last-modified"),
    };
  } catch (error) {
    if (error instanceof FeedFetchError) throw error;
    throw new FeedFetchError(networkReason(error, timeoutMs), { cause: error });
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * GET with redirects followed by hand (fetch's own "follow" takes up to 20 and goes anywhere): at most
 * `maxRedirects`, only to http(s), and never into a loopback or private network the feed did not start in.
 */
async function follow(start: string, init: { headers: Record<string, string>; signal: AbortSignal }, options: FetchFeedOptions) {
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  let url = start;
  for (let hops = 0; ; hops++) {
    const response = await (options.fetch ?? fetch)(url, { ...init, redirect: "manual" });
    const location = response.headers.get("location");
    if (!REDIRECT_STATUSES.has(response.status) || !location) return { response, url };
    await response.body?.cancel();
    if (hops >= maxRedirects) throw new FeedFetchError(`more than ${maxRedirects} redirects (last to ${clip(location)})`);
    const next = new URL(location, url);
    const refusal = await checkRedirect(start, next);
    if (refusal) throw new FeedFetchError(`redirect to ${clip(next.href)} refused: ${refusal}`);
    url = next.href;
  }
}

const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new FeedFetchError(`larger than ${formatBytes(maxBytes)}`);
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  // Content-Length may be absent or wrong (and gzip hides the real size), so count what actually arrives.
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function networkReason(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; hostname?: string; message?: string } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") {
    return `timed out after ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`;
  }
  const code = err?.cause?.code;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `DNS lookup failed for ${err.cause?.hostname ?? "the host"} (${code})`;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "connection reset by the server";
  if (code?.startsWith("CERT_") || code?.includes("TLS") || code?.includes("SSL")) return `TLS error (${code})`;
  const detail = err?.cause?.message ?? err?.message ?? String(error);
  return `network error: ${code ? code + " " : ""}${detail}`.slice(0, 300);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * Bytes → text. A byte-order mark wins. Otherwise bytes that are valid UTF-8 are read as UTF-8 whatever is
 * declared — a CMS moved to UTF-8 often keeps `encoding="windows-1251"` in its template, while Cyrillic in
 * a legacy charset is never valid UTF-8 by accident. Anything else is read in the charset the
 * Content-Type names, else the XML prolog (servers often send `charset=utf-8` for a windows-1251 file
 * whose prolog is right), else as UTF-8 with replacement characters.
 */
export function decodeFeed(bytes: Uint8Array, contentType: string | null): { text: string; charset: string } {
  const bom = bomCharset(bytes);
  if (bom) return { text: decode(bytes, bom), charset: bom };
  const declared = [headerCharset(contentType), prologCharset(bytes)]
    .map((label) => (label ? canonical(label) : null))
    .filter((charset): charset is string => charset !== null);
  // UTF-16 without a BOM is still valid UTF-8 (full of NULs): trust the declaration there.
  if (declared[0]?.startsWith("utf-16")) return { text: decode(bytes, declared[0]), charset: declared[0] };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), charset: "utf-8" };
  } catch {
    const legacy = declared.find((charset) => charset !== "utf-8") ?? "utf-8";
    return { text: decode(bytes, legacy), charset: legacy };
  }
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return null;
}

function headerCharset(contentType: string | null): string | null {
  return contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i)?.[1]?.toLowerCase() ?? null;
}

function prologCharset(bytes: Uint8Array): string | null {
  // The prolog is ASCII in every encoding a news feed uses, so latin1 reads it safely.
  const head = Buffer.from(bytes.subarray(0, 512)).toString("latin1");
  return head.match(/^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i)?.[1]?.toLowerCase() ?? null;
}

/** The WHATWG name of a charset label ("cp1251" → "windows-1251"), or null for one we cannot decode. */
function canonical(label: string): string | null {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null; // an unknown label ("cp-1251x") falls through to the next one
  }
}

function decode(bytes: Uint8Array, charset: string): string {
  // TextDecoder strips a BOM and, with Node's full ICU, knows windows-1251, koi8-r, iso-8859-5 and friends.
  return new TextDecoder(charset).decode(bytes);
}
