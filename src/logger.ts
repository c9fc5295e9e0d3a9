import pino, { type Logger } from "pino";

export type { Logger };

/**
 * Secrets and tipsters' identities never reach a log line: pino removes these paths wherever they
 * appear, and the bot token is also scrubbed from error messages (grammY puts the URL in some errors).
 */
const REDACT = [
  "token", "*.token", "botToken", "*.botToken", "apiToken", "*.apiToken", "authorization", "*.authorization",
  "req.headers.authorization", "req.headers[\"x-telegram-bot-api-secret-token\"]",
  "phone", "*.phone", "phone_number", "*.phone_number", "*.*.phone_number", "contactPhone", "*.contactPhone",
  "contact", "*.contact", "*.*.contact",
];

export function createLogger(options: { level?: string; secrets?: string[]; destination?: pino.DestinationStream } = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 8);
  return pino(
    {
      level: options.level ?? "info",
      redact: { paths: REDACT, censor: "[redacted]" },
      hooks: {
        logMethod(args, method) {
          if (secrets.length === 0) return method.apply(this, args);
          return method.apply(this, args.map((arg) => scrub(arg, secrets)) as Parameters<typeof method>);
        },
      },
      serializers: {
        // grammY errors carry the request payload (chat ids, message text): keep the method and the
        // description, drop what a tipster wrote or who they are.
        err: (err: unknown) => {
          const serialized = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
          delete serialized.payload;
          return scrub(serialized, secrets);
        },
      },
    },
    options.destination,
  );
}

function scrub<T>(value: T, secrets: string[]): T {
  if (typeof value === "string") {
    return secrets.reduce((text, secret) => text.replaceAll(secret, "[redacted]"), value) as T;
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = scrub(item, secrets);
    return copy as T;
  }
  return value;
}
