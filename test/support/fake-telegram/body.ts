/**
 * Request bodies as grammY sends them: JSON normally, multipart/form-data when a file is
 * uploaded, and form-urlencoded from hand-written clients. Form values that hold JSON
 * (reply_markup, media, options…) are decoded so recorded params look the same either way.
 */
import type { IncomingMessage } from "node:http";

export type BodyKind = "json" | "form" | "multipart" | "none";
export interface ParsedBody { kind: BodyKind; params: Record<string, unknown>; uploads: string[] }

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

function decodeValue(v: string): unknown {
  if (v.startsWith("{") || v.startsWith("[")) {
    try { return JSON.parse(v); } catch { return v; }
  }
  return v;
}

export function parseBody(contentType: string | undefined, body: Buffer, query: URLSearchParams): ParsedBody {
  const params: Record<string, unknown> = {};
  for (const [k, v] of query) params[k] = decodeValue(v);
  const type = (contentType ?? "").toLowerCase();
  if (body.length === 0) return { kind: "none", params, uploads: [] };
  if (type.startsWith("application/json")) {
    let json: unknown;
    try { json = JSON.parse(body.toString("utf8")); } catch { throw new SyntaxError("can't parse JSON"); }
    return { kind: "json", params: { ...params, ...(json as object) }, uploads: [] };
  }
  if (type.startsWith("application/x-www-form-urlencoded")) {
    for (const [k, v] of new URLSearchParams(body.toString("utf8"))) params[k] = decodeValue(v);
    return { kind: "form", params, uploads: [] };
  }
  if (type.startsWith("multipart/form-data")) {
    const boundary = /boundary=("?)([^";]+)\1/.exec(contentType ?? "")?.[2];
    const uploads = boundary ? parseMultipart(body, boundary, params) : [];
    return { kind: "multipart", params, uploads };
  }
  return { kind: "none", params, uploads: [] };
}

/** Text fields go into `params`; file parts are only named (the product never uploads files). */
function parseMultipart(body: Buffer, boundary: string, params: Record<string, unknown>): string[] {
  const uploads: string[] = [];
  // latin1 keeps bytes 1:1, so binary file parts cannot corrupt the split.
  for (const part of body.toString("latin1").split(`--${boundary}`)) {
    const split = part.indexOf("\r\n\r\n");
    if (split < 0) continue;
    const headers = part.slice(0, split);
    const name = /\bname="?([^";\r\n]*)"?/i.exec(headers)?.[1];
    if (!name) continue;
    if (/filename=/i.test(headers)) {
      uploads.push(name);
      continue;
    }
    const value = Buffer.from(part.slice(split + 4).replace(/\r\n$/, ""), "latin1").toString("utf8");
    params[name] = decodeValue(value);
  }
  return uploads;
}

/**
 * Telegram refuses a request whose strings are not valid Unicode — a JSON "\ud800" escape decodes to half
 * a character — with 400 "strings must be encoded in UTF-8", whatever the method.
 */
export function hasBrokenString(value: unknown): boolean {
  if (typeof value === "string") return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);
  if (Array.isArray(value)) return value.some(hasBrokenString);
  if (value && typeof value === "object") return Object.values(value).some(hasBrokenString);
  return false;
}
