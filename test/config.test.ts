import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.ts";

const token = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ012345678";

describe("configuration", () => {
  it("applies the documented defaults", () => {
    const config = parseConfig({ BOT_TOKEN: token });
    expect(config).toMatchObject({
      telegramApiRoot: "https://api.telegram.org", databaseUrl: "file:./data/habarshy.db", http: { host: "0.0.0.0", port: 8080 },
      apiToken: undefined, channels: [], feedPollCron: "*/2 * * * *", updates: { kind: "polling" }, defaultLocale: "ru", timezone: "Asia/Almaty",
    });
  });

  it("names every bad or missing variable at once", () => {
    try {
      parseConfig({ HTTP_PORT: "eighty", CHANNELS: "@karaganda_news:ru,oops", DEFAULT_LOCALE: "de", TIMEZONE: "Mars/Base", DATABASE_URL: "mysql://x" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const names = (error as ConfigError).problems.map((p) => p.variable).sort();
      expect(names).toEqual(["BOT_TOKEN", "CHANNELS", "DATABASE_URL", "DEFAULT_LOCALE", "HTTP_PORT", "TIMEZONE"]);
      expect((error as Error).message).toContain('"oops" is not chat_id_or_@username:language');
    }
  });

  it("wants a secret with a webhook", () => {
    expect(() => parseConfig({ BOT_TOKEN: token, WEBHOOK_URL: "https://bot.ekaraganda.kz/telegram/webhook" })).toThrow(/WEBHOOK_SECRET: is required/);
    const config = parseConfig({ BOT_TOKEN: token, WEBHOOK_URL: "https://bot.ekaraganda.kz/telegram/webhook", WEBHOOK_SECRET: "s3cret" });
    expect(config.updates).toEqual({ kind: "webhook", url: "https://bot.ekaraganda.kz/telegram/webhook", secret: "s3cret" });
  });

  it("reads channels with their languages", () => {
    const config = parseConfig({ BOT_TOKEN: token, CHANNELS: " @karaganda_news:ru , -1001234567890:kk" });
    expect(config.channels).toEqual([{ chatId: "@karaganda_news", language: "ru" }, { chatId: "-1001234567890", language: "kk" }]);
  });

  it("never puts the token in its error message", () => {
    expect(() => parseConfig({ BOT_TOKEN: "not a token secret-value" })).toThrow(ConfigError);
    try {
      parseConfig({ BOT_TOKEN: "not a token secret-value" });
    } catch (error) {
      expect((error as Error).message).not.toContain("secret-value");
    }
  });
});

describe("configuration that would fail later", () => {
  it("refuses a webhook Telegram would not call and a schedule node-cron cannot run", () => {
    try {
      parseConfig({ BOT_TOKEN: token, WEBHOOK_URL: "http://bot.ekaraganda.kz/hook", WEBHOOK_SECRET: "s", FEED_POLL_CRON: "a b c d e" });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual(["FEED_POLL_CRON", "WEBHOOK_URL"]);
    }
    // A test or self-hosted Bot API server may call plain http.
    expect(parseConfig({ BOT_TOKEN: token, TELEGRAM_API_ROOT: "http://127.0.0.1:8081", WEBHOOK_URL: "http://127.0.0.1:8080/telegram/webhook", WEBHOOK_SECRET: "s" }).updates.kind).toBe("webhook");
  });
});
