// Telegram's Mini App launch data (initData): a query string Telegram signs with a key derived from the bot
// token. secret = HMAC-SHA256(key "WebAppData", bot token); hash = hex HMAC-SHA256(secret, data-check-string),
// where the data-check-string is every field but `hash` as `key=value`, sorted by key, joined by "\n".
// Pure: the clock and the token come in, a verdict goes out.
import { createHmac, timingSafeEqual } from "node:crypto";

export interface LaunchUser {
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
}

export type InitDataVerdict =
  | { ok: true; user: LaunchUser; authDate: Date }
  | { ok: false; reason: "malformed" | "bad-signature" | "expired" | "no-user" };

/** Launch data older than this is refused (PRODUCT.md: "older than a day"). */
export const INIT_DATA_MAX_AGE_SECONDS = 24 * 60 * 60;
/** Telegram's clock and ours differ a little; launch data from further in the future is refused. */
const CLOCK_SKEW_SECONDS = 5 * 60;
const MAX_LENGTH = 8192;

export function signInitData(fields: Record<string, string>, botToken: string): string {
  const params = new URLSearchParams(fields);
  params.delete("hash");
  params.set("hash", hashOf(params, botToken).toString("hex"));
  return params.toString();
}

export function verifyInitData(raw: string, botToken: string, now: Date, maxAgeSeconds = INIT_DATA_MAX_AGE_SECONDS): InitDataVerdict {
  if (raw.length === 0 || raw.length > MAX_LENGTH) return { ok: false, reason: "malformed" };
  const params = new URLSearchParams(raw);
  const hashes = params.getAll("hash");
  const keys = [...params.keys()];
  // A field given twice would be signed one way and read another: refuse rather than guess.
  if (hashes.length !== 1 || new Set(keys).size !== keys.length || !/^[0-9a-f]{64}$/.test(hashes[0]!)) return { ok: false, reason: "malformed" };
  params.delete("hash");
  const expected = hashOf(params, botToken);
  if (!timingSafeEqual(expected, Buffer.from(hashes[0]!, "hex"))) return { ok: false, reason: "bad-signature" };

  const authDate = Number(params.get("auth_date"));
  if (!Number.isSafeInteger(authDate) || authDate <= 0) return { ok: false, reason: "malformed" };
  const age = now.getTime() / 1000 - authDate;
  if (age > maxAgeSeconds || age < -CLOCK_SKEW_SECONDS) return { ok: false, reason: "expired" };

  const user = parseUser(params.get("user"));
  if (!user) return { ok: false, reason: "no-user" };
  return { ok: true, user, authDate: new Date(authDate * 1000) };
}

function hashOf(params: URLSearchParams, botToken: string): Buffer {
  const dataCheckString = [...params.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("\n");
  const secret = createHmac("sha256", "WebAppData").update(botToken).digest();
  return createHmac("sha256", secret).update(dataCheckString).digest();
}

function parseUser(json: string | null): LaunchUser | null {
  if (!json) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const u = value as Record<string, unknown>;
  if (typeof u !== "object" || u === null || !Number.isSafeInteger(u.id) || (u.id as number) <= 0) return null;
  const text = (field: unknown, max: number) => (typeof field === "string" && field.length > 0 ? field.slice(0, max) : undefined);
  return {
    id: u.id as number,
    firstName: text(u.first_name, 64) ?? String(u.id),
    lastName: text(u.last_name, 64),
    username: text(u.username, 32),
    languageCode: text(u.language_code, 16),
  };
}
