// loadConfig() is the only reader of the environment (and of .env); parseConfig(env) checks it. Every bad
// or missing variable is reported at once, by name, so a newsroom fixes its .env in one go.
import { existsSync } from "node:fs";
import cron from "node-cron";
import { z } from "zod";

export const LOCALES = ["ru", "kk", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export interface ChannelSeed {
  chatId: string;
  language: string;
}

export type UpdateMode =
  | { kind: "polling" }
  | { kind: "webhook"; url: string; secret: string };

export interface Config {
  botToken: string;
  telegramApiRoot: string;
  databaseUrl: string;
  http: { host: string; port: number };
  apiToken: string | undefined;
  channels: ChannelSeed[];
  editorChatId: string | undefined;
  adminIds: string[];
  feeds: string[];
  feedPollCron: string;
  updates: UpdateMode;
  defaultLocale: Locale;
  timezone: string;
  logLevel: string;
  /** local hours [from, to) when ordinary posts go out silently */
  quietHours: { from: number; to: number } | null;
  limits: { perChatPerSecond: number; perGroupPerMinute: number; globalPerSecond: number };
  tipConversationTtlMinutes: number;
  /** default local time (in `timezone`) of the daily digest; a reader may choose another hour */
  digestTime: { hour: number; minute: number };
  /** readers' private chats: messages a second, and whether to use Telegram's paid broadcasts */
  broadcast: { perSecond: number; paid: boolean };
  /** add utm_source=telegram&utm_medium=digest|alert to article links in readers' messages */
  utmTags: boolean;
  /** where Telegram and browsers reach this server (the editors' console is at `${publicUrl}/app/`) */
  publicUrl: string | undefined;
  /** bearer token /metrics asks for, when set */
  metricsToken: string | undefined;
}

export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(readonly problems: Array<{ variable: string; message: string }>) {
    super(
      "Invalid configuration:\n" + problems.map((p) => `  - ${p.variable}: ${p.message}`).join("\n") +
        "\nSee .env.example for every variable and its meaning.",
    );
  }
}

const list = (value: string | undefined) =>
  (value ?? "").split(",").map((item) => item.trim()).filter((item) => item.length > 0);

/** A chat as Telegram's chat_id takes it: a numeric id or a public @username. */
export const CHAT_ID_PATTERN = /^(-?\d+|@[A-Za-z][A-Za-z0-9_]{3,31})$/;

const schema = z
  .object({
    BOT_TOKEN: z.string({ error: "is required (the token from @BotFather)" })
      .regex(/^\d+:[\w-]{5,}$/, "does not look like a bot token (expected 123456:ABC…)"),
    TELEGRAM_API_ROOT: z.url({ error: "must be a URL such as https://api.telegram.org" }).default("https://api.telegram.org"),
    DATABASE_URL: z.string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "must be file:./path.db (SQLite) or postgresql://user@host/db")
      .default("file:./data/habarshy.db"),
    HTTP_HOST: z.string().min(1).default("0.0.0.0"),
    HTTP_PORT: z.coerce.number({ error: "must be a port number" }).int().min(0).max(65535).default(8080),
    API_TOKEN: z.string().min(16, "must be at least 16 characters (it guards the whole API)").optional(),
    CHANNELS: z.string().optional().transform((value, ctx) => {
      const seeds: ChannelSeed[] = [];
      for (const item of list(value)) {
        const at = item.lastIndexOf(":");
        const id = at > 0 ? item.slice(0, at) : item;
        const language = at > 0 ? item.slice(at + 1) : "";
        if (!CHAT_ID_PATTERN.test(id) || !/^[a-z]{2}$/.test(language)) {
          ctx.addIssue({ code: "custom", message: `"${item}" is not chat_id_or_@username:language (e.g. @karaganda_news:ru)` });
          continue;
        }
        seeds.push({ chatId: id, language });
      }
      return seeds;
    }),
    EDITOR_CHAT_ID: z.string().regex(/^-?\d+$/, "must be the numeric id of the editors' group (e.g. -1001234567890)").optional(),
    ADMIN_IDS: z.string().optional().transform((value, ctx) => {
      const ids = list(value);
      for (const id of ids) if (!/^\d+$/.test(id)) ctx.addIssue({ code: "custom", message: `"${id}" is not a numeric user id` });
      return ids;
    }),
    FEEDS: z.string().optional().transform((value, ctx) => {
      const urls = list(value);
      for (const url of urls) if (!URL.canParse(url) || !/^https?:/.test(url)) ctx.addIssue({ code: "custom", message: `"${url}" is not an http(s) URL` });
      return urls;
    }),
    FEED_POLL_CRON: z.string().refine((value) => cron.validate(value), "must be a cron expression such as */2 * * * *").default("*/2 * * * *"),
    WEBHOOK_URL: z.url({ error: "must be an https URL" }).optional(),
    WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "must be 1-256 characters of A-Z, a-z, 0-9, _ and -").optional(),
    DEFAULT_LOCALE: z.enum(LOCALES, { error: "must be ru, kk or en" }).default("ru"),
    TIMEZONE: z.string().default("Asia/Almaty").refine(isTimeZone, "is not an IANA time zone such as Asia/Almaty"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    QUIET_HOURS: z.string().regex(/^(\d{1,2}-\d{1,2}|off)$/, "must be like 23-7 (local hours) or off").default("23-7"),
    CHAT_MESSAGES_PER_SECOND: z.coerce.number({ error: "must be a number" }).positive().default(1),
    GROUP_MESSAGES_PER_MINUTE: z.coerce.number({ error: "must be a number" }).positive().default(20),
    GLOBAL_MESSAGES_PER_SECOND: z.coerce.number({ error: "must be a number" }).positive().default(30),
    TIP_CONVERSATION_TTL_MINUTES: z.coerce.number({ error: "must be a number" }).int().positive().default(60),
    DIGEST_TIME: z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, "must be a local time such as 08:00").default("08:00"),
    BROADCAST_PER_SECOND: z.coerce.number({ error: "must be a number" }).positive().max(1000, "must be at most 1000").default(25),
    PAID_BROADCAST: z.enum(["on", "off"], { error: "must be on or off" }).default("off"),
    UTM_TAGS: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
    PUBLIC_URL: z.url({ error: "must be a URL such as https://news-bot.example.kz" }).optional(),
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  })
  .superRefine((env, ctx) => {
    if (env.WEBHOOK_URL && !env.WEBHOOK_SECRET) {
      ctx.addIssue({ code: "custom", path: ["WEBHOOK_SECRET"], message: "is required when WEBHOOK_URL is set" });
    }
    // Telegram only calls https webhooks; a self-hosted Bot API server or a test server may use http.
    const telegram = new URL(env.TELEGRAM_API_ROOT).hostname === "api.telegram.org";
    if (env.WEBHOOK_URL && telegram && !env.WEBHOOK_URL.startsWith("https://")) {
      ctx.addIssue({ code: "custom", path: ["WEBHOOK_URL"], message: "must be an https URL (Telegram calls only https webhooks)" });
    }
    // Readers' broadcasts take their share of the free overall limit; channel posts need the rest.
    if (env.PAID_BROADCAST === "off" && env.BROADCAST_PER_SECOND >= env.GLOBAL_MESSAGES_PER_SECOND) {
      ctx.addIssue({
        code: "custom", path: ["BROADCAST_PER_SECOND"],
        message: `must be below GLOBAL_MESSAGES_PER_SECOND (${env.GLOBAL_MESSAGES_PER_SECOND}) so channel posts keep a share, or set PAID_BROADCAST=on`,
      });
    }
    // Telegram opens Mini Apps only over https; plain http is for a local try on this machine.
    if (env.PUBLIC_URL && !env.PUBLIC_URL.startsWith("https://") && !isLocalhost(env.PUBLIC_URL)) {
      ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "must be an https URL (plain http only on localhost)" });
    }
  });

function isLocalhost(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable in .env means "unset", as most tools read it.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? "environment"),
      message: issue.code === "invalid_type" && present[String(issue.path[0])] === undefined
        ? issue.message.startsWith("is required") ? issue.message : "is required"
        : issue.message,
    })));
  }
  const e = result.data;
  const [from, to] = e.QUIET_HOURS === "off" ? [] : e.QUIET_HOURS.split("-").map(Number);
  return {
    botToken: e.BOT_TOKEN,
    telegramApiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    databaseUrl: e.DATABASE_URL,
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT },
    apiToken: e.API_TOKEN,
    channels: e.CHANNELS,
    editorChatId: e.EDITOR_CHAT_ID,
    adminIds: e.ADMIN_IDS,
    feeds: e.FEEDS,
    feedPollCron: e.FEED_POLL_CRON,
    updates: e.WEBHOOK_URL ? { kind: "webhook", url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET! } : { kind: "polling" },
    defaultLocale: e.DEFAULT_LOCALE,
    timezone: e.TIMEZONE,
    logLevel: e.LOG_LEVEL,
    quietHours: from === undefined || to === undefined ? null : { from, to },
    limits: {
      perChatPerSecond: e.CHAT_MESSAGES_PER_SECOND,
      perGroupPerMinute: e.GROUP_MESSAGES_PER_MINUTE,
      globalPerSecond: e.GLOBAL_MESSAGES_PER_SECOND,
    },
    tipConversationTtlMinutes: e.TIP_CONVERSATION_TTL_MINUTES,
    digestTime: { hour: Number(e.DIGEST_TIME.split(":")[0]), minute: Number(e.DIGEST_TIME.split(":")[1]) },
    broadcast: { perSecond: e.BROADCAST_PER_SECOND, paid: e.PAID_BROADCAST === "on" },
    utmTags: e.UTM_TAGS === "on",
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ""),
    metricsToken: e.METRICS_TOKEN,
  };
}

/** The configuration of this process: `.env` next to package.json when present (real variables win), then the environment. */
export function loadConfig(): Config {
  if (existsSync(".env")) process.loadEnvFile(".env");
  return parseConfig(process.env);
}
