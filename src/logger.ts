// Structured logs (pino) that say what went wrong and never what must stay secret. Everything is done with
// pino's own means, in the order pino applies them to a log call:
//   1. formatters.log walks the merge object once: an Error anywhere becomes pino's errWithCause shape
//      (type, message, stack, its own fields and the chain of causes), a Date becomes its ISO time (as
//      JSON.stringify writes it), and every key that names a secret or a tipster's phone is censored, at
//      any depth and inside arrays — fixed redact paths could only reach the depths written down ahead;
//   2. serializers: `err` leaves an already serialized error alone; `msg` scrubs the message, which pino
//      takes from err.message when none is given;
//   3. every string on the way — messages, stacks, URLs — has the configured secret values (BOT_TOKEN,
//      API_TOKEN, WEBHOOK_SECRET, METRICS_TOKEN, the password in DATABASE_URL), anything shaped like a bot
//      token, the password of any URL, and phone fields quoted in error texts (Prisma prints the
//      arguments of a failed query) replaced by "[redacted]".
import pino, { type Logger } from "pino";
import type { Config } from "./config.ts";

export type { Logger };

export const CENSORED = "[redacted]";

/** Keys whose value is never logged, compared without case, "-" and "_": botToken, x-telegram-bot-api-secret-token, phone_number… */
const SECRET_KEYS = new Set([
  "token", "bottoken", "apitoken", "metricstoken", "secret", "secrettoken", "webhooksecret", "xtelegrambotapisecrettoken",
  "authorization", "cookie", "password", "databaseurl",
  "phone", "phonenumber", "contactphone", "contact",
  // grammY errors carry the request payload (chat ids, what a tipster wrote): the method and description say enough.
  "payload",
]);
const isSecretKey = (key: string) => SECRET_KEYS.has(key.toLowerCase().replace(/[-_]/g, ""));

const BOT_TOKEN_SHAPE = /\b\d{5,}:[A-Za-z0-9_-]{30,}\b/g;
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi;
const QUOTED_PHONE = /\b(contactPhone|phone_number|phoneNumber|phone)(["']?\s*[:=]\s*)(["'])[^"']*\3/gi;

/** The values no log line may hold, from the configuration (pass all of it: main.ts and app.ts do). */
export function logSecrets(config: Pick<Config, "botToken" | "apiToken" | "metricsToken" | "databaseUrl" | "updates">): string[] {
  // As written in the URL (percent-encoded) and as the server sees it.
  const password = config.databaseUrl.startsWith("postgres") && URL.canParse(config.databaseUrl) ? new URL(config.databaseUrl).password : "";
  // The token's secret half too: it is what matters, and it is what shows when a URL is cut at the colon.
  return [config.botToken, config.botToken.split(":")[1], config.apiToken, config.metricsToken,
    config.updates.kind === "webhook" ? config.updates.secret : undefined, password, safeDecode(password)]
    .filter((secret): secret is string => typeof secret === "string" && secret.length > 0);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function createLogger(options: { level?: string; secrets?: string[]; destination?: pino.DestinationStream } = {}): Logger {
  // Short values would censor ordinary words; every configured secret is validated longer than this.
  const secrets = [...new Set(options.secrets ?? [])].filter((s) => s.length >= 6).sort((a, b) => b.length - a.length);
  const scrubText = (text: string): string => {
    let out = text.replace(BOT_TOKEN_SHAPE, CENSORED).replace(URL_PASSWORD, `$1${CENSORED}@`).replace(QUOTED_PHONE, `$1$2$3${CENSORED}$3`);
    for (const secret of secrets) out = out.replaceAll(secret, CENSORED);
    return out;
  };
  const clean = (value: unknown) => sanitize(value, scrubText, new Set(), 0);
  return pino(
    {
      level: options.level ?? "info",
      formatters: {
        log: (object) => clean(object) as Record<string, unknown>,
        bindings: (bindings) => clean(bindings) as Record<string, unknown>,
      },
      serializers: {
        err: (err: unknown) => (err instanceof Error ? clean(err) : err),
        msg: (msg: unknown) => (typeof msg === "string" ? scrubText(msg) : msg),
      },
    },
    options.destination,
  );
}

const MAX_DEPTH = 8;

/** A copy that is safe to log: errors serialized with their causes, secrets censored, dates as ISO times. */
function sanitize(value: unknown, scrub: (text: string) => string, path: Set<object>, depth: number): unknown {
  if (typeof value === "string") return scrub(value);
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object") return value;
  if (path.has(value)) return "[Circular]";
  if (depth >= MAX_DEPTH) return "[Object]";
  // errWithCause keeps message, stack, own fields (code, meta, method, description…) and the cause chain.
  const source = value instanceof Error ? withPlainCause(value, pino.stdSerializers.errWithCause(value) as object) : value;
  // A Date (its ISO time), a URL, a Buffer: what JSON.stringify would write, then checked like the rest.
  if (!(value instanceof Error) && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return sanitize((value as { toJSON: () => unknown }).toJSON(), scrub, path, depth);
  }
  path.add(value);
  try {
    if (Array.isArray(source)) return source.map((item) => sanitize(item, scrub, path, depth + 1));
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(source)) {
      copy[key] = isSecretKey(key) && item !== undefined && item !== null ? CENSORED : sanitize(item, scrub, path, depth + 1);
    }
    return copy;
  } finally {
    path.delete(value);
  }
}

/** errWithCause follows only error-like causes; a cause that is a string or an object is kept too. */
function withPlainCause(error: Error, serialized: object): object {
  const cause = (error as { cause?: unknown }).cause;
  const kept = serialized as { cause?: unknown };
  if (cause !== undefined && kept.cause === undefined) return { ...serialized, cause };
  return serialized;
}
