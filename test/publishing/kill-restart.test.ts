// The real thing: the app runs as its own process (npm start's entry point) and is killed with SIGKILL at
// random moments while 200 articles go to 3 channels. After the last restart every article must be in
// every channel exactly once.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArticleService } from "../../src/articles/article-service.ts";
import { createChannelService } from "../../src/channels/channel-service.ts";
import { systemClock } from "../../src/clock.ts";
import { createLogger } from "../../src/logger.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { startFakeTelegram, type FakeTelegram } from "../support/fake-telegram/index.ts";

const ARTICLES = 200;
const CHANNELS = ["@kill_ru_one", "@kill_ru_two", "@kill_ru_three"];
const KILLS = 4;

describe("killing the process while it publishes", () => {
  let fake: FakeTelegram;
  let database: TestDatabase;
  beforeAll(async () => {
    fake = await startFakeTelegram();
    // A little latency per call makes it likely that a kill lands while a send is in flight.
    fake.latency(3);
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.destroy();
    await fake.close();
  });

  function startProcess(): ChildProcess {
    return spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: {
        PATH: process.env.PATH, BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_URL: database.url,
        HTTP_HOST: "127.0.0.1", HTTP_PORT: "0", CHANNELS: CHANNELS.map((c) => `${c}:ru`).join(","), LOG_LEVEL: "warn",
        QUIET_HOURS: "off", CHAT_MESSAGES_PER_SECOND: "1000", GROUP_MESSAGES_PER_MINUTE: "100000",
        GLOBAL_MESSAGES_PER_SECOND: "100000",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
  }

  const sentOk = () => fake.calls.filter((c) => c.method === "sendMessage" && c.response.ok).length;

  it("leaves every article in every channel exactly once", async () => {
    const noop = () => undefined;
    const logger = createLogger({ level: "silent" });
    await createChannelService({ db: database.db, onOutbox: noop }).seed(CHANNELS.map((chatId) => ({ chatId, language: "ru" })));
    const articles = createArticleService({ db: database.db, clock: systemClock, logger, defaultLocale: "ru", onOutbox: noop });
    for (let i = 1; i <= ARTICLES; i++) {
      await articles.upsert({ externalId: `k-${i}`, url: `https://ekaraganda.kz/k/${i}`, title: `Материал ${i}`, lead: "Лид." });
    }

    let kills = 0;
    for (let round = 0; round < KILLS; round++) {
      const child = startProcess();
      const target = sentOk() + 20 + Math.floor(Math.random() * 80);
      await fake.waitForCalls((c) => c.method === "sendMessage" && c.response.ok, target, { timeoutMs: 60_000 });
      await new Promise((resolve) => setImmediate(resolve));
      child.kill("SIGKILL");
      await once(child, "exit");
      kills++;
    }
    expect(kills).toBe(KILLS);
    expect(sentOk()).toBeLessThan(ARTICLES * CHANNELS.length);

    const last = startProcess();
    let stderr = "";
    last.stderr!.on("data", (chunk) => (stderr += String(chunk)));
    try {
      await fake.waitForCalls((c) => c.method === "sendMessage" && c.response.ok, ARTICLES * CHANNELS.length, { timeoutMs: 60_000 });
      // Wait until the store says nothing is left, so a late duplicate would have had its chance.
      for (;;) {
        const open = await database.db.delivery.count({ where: { state: { not: "sent" } } });
        if (open === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      last.kill("SIGTERM");
      await once(last, "exit");
    }
    expect(stderr).not.toContain(fake.token);
    const probes = fake.callsTo("editMessageReplyMarkup");
    const found = probes.filter((c) => /not modified/.test(c.response.description ?? ""));
    console.log(`kill test: ${kills} kills, ${found.length} interrupted posts found by the probe, ${probes.length} probe calls`);
    // Each kill lands right after Telegram took a post and before the process could record it: the next
    // process must have found such posts in the chat (adopting them, not posting them again).
    expect(found.length).toBeGreaterThan(0);
    for (const call of found) {
      const adopted = await database.db.delivery.findFirst({ where: { channel: { chatId: String(call.params.chat_id) }, messageId: Number(call.params.message_id) } });
      expect(adopted, `the post found at ${String(call.params.chat_id)}/${String(call.params.message_id)} is a delivery's`).not.toBeNull();
    }

    for (const channel of CHANNELS) {
      const keyboards = fake.messages(channel).map((m) => (m.reply_markup as { inline_keyboard: Array<Array<{ url: string }>> }).inline_keyboard);
      // Recovery re-applies keyboards while it searches: no post may end up without its button.
      expect(keyboards.filter((rows) => rows.length !== 1)).toEqual([]);
      const urls = keyboards.map((rows) => rows[0]![0]!.url);
      expect(urls).toHaveLength(ARTICLES);
      expect(new Set(urls).size).toBe(ARTICLES);
    }
    const rows = await database.db.delivery.findMany({ include: { channel: true } });
    for (const row of rows) {
      const message = fake.messages(row.channel.chatId).find((m) => m.message_id === row.messageId);
      expect(message, `delivery ${row.id} points at its message`).toBeDefined();
    }
  }, 240_000);
});
