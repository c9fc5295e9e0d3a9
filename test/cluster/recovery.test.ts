// A dead instance's sends are taken over by a live one within seconds: instance A (its own process, as
// `npm start` runs it) is killed with SIGKILL while it holds claims; instance B, running beside it on the
// same PostgreSQL, frees those claims as soon as A's control connection is gone, looks for the posts A may
// have sent, and every article ends up in every channel exactly once.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArticleService } from "../../src/articles/article-service.ts";
import { createChannelService } from "../../src/channels/channel-service.ts";
import { systemClock } from "../../src/clock.ts";
import { createLogger } from "../../src/logger.ts";
import { claimOwner } from "../../src/delivery/claim-tokens.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/database.ts";
import { startFakeTelegram, type FakeTelegram } from "../support/fake-telegram/index.ts";

const postgres = testProvider === "postgresql";
if (!postgres) console.info("test/cluster/recovery.test.ts: PostgreSQL only — instances beside each other share one PostgreSQL; SQLite is one process");

const ARTICLES = 80;
const CHANNELS = ["@take_over_one", "@take_over_two", "@take_over_three"];

describe.skipIf(!postgres)("a dead instance's sends (PostgreSQL only: instances share one PostgreSQL)", () => {
  let fake: FakeTelegram;
  let database: TestDatabase;
  let b: TestApp | undefined;
  let a: ChildProcess | undefined;

  beforeAll(async () => {
    fake = await startFakeTelegram();
    // Each call takes a while, so instance A holds claims (posts in flight) when it is killed.
    fake.latency(60);
    database = await createTestDatabase();
  });
  afterAll(async () => {
    if (a && a.exitCode === null) a.kill("SIGKILL");
    await b?.stopApp().catch(() => undefined);
    await database.destroy();
    await fake.close();
  });

  const env = { CHANNELS: CHANNELS.map((c) => `${c}:ru`).join(",") };
  const sentOk = () => fake.calls.filter((c) => c.method === "sendMessage" && c.response.ok).length;
  const claims = async () =>
    (await database.db.delivery.findMany({ where: { state: "sending" }, select: { id: true, claimToken: true } }));

  it("are taken over by a live instance within seconds and every post is sent once", async () => {
    const noop = () => undefined;
    const logger = createLogger({ level: "silent" });
    await createChannelService({ db: database.db, onOutbox: noop }).seed(CHANNELS.map((chatId) => ({ chatId, language: "ru" })));
    const articles = createArticleService({ db: database.db, clock: systemClock, logger, defaultLocale: "ru", onOutbox: noop });
    for (let i = 1; i <= ARTICLES; i++) {
      await articles.upsert({ externalId: `t-${i}`, url: `https://ekaraganda.kz/t/${i}`, title: `Материал ${i}`, lead: "Лид." });
    }

    a = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: {
        PATH: process.env.PATH, BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_URL: database.url,
        HTTP_HOST: "127.0.0.1", HTTP_PORT: "0", ...env, LOG_LEVEL: "warn", QUIET_HOURS: "off",
        CHAT_MESSAGES_PER_SECOND: "1000", GROUP_MESSAGES_PER_MINUTE: "100000", GLOBAL_MESSAGES_PER_SECOND: "100000",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    await fake.waitForCalls((c) => c.method === "sendMessage" && c.response.ok, 10, { timeoutMs: 60_000 });

    // B starts beside A and looks for dead instances' claims often (every 250 ms, the default is 2 s): A's
    // claims are a live instance's, and B leaves them alone while they work side by side.
    b = await startTestApp({ fake, database, env, app: { worker: { idlePollMs: 50, recoveryMs: 250 } } });
    const ownB = b.app.cluster.id;
    await fake.waitForCalls((c) => c.method === "sendMessage" && c.response.ok, sentOk() + 30, { timeoutMs: 60_000 });
    const ofA = async () => (await claims()).filter((row) => row.claimToken && claimOwner(row.claimToken) !== ownB);
    await expect.poll(async () => (await ofA()).length, { timeout: 30_000, interval: 5 }).toBeGreaterThan(0);
    a.kill("SIGKILL");
    const killedAt = Date.now();
    await once(a, "exit");
    const orphans = await ofA();
    expect(sentOk()).toBeLessThan(ARTICLES * CHANNELS.length);
    expect(b.logs.filter((line) => line.msg === "interrupted delivery resumed")).toEqual([]);

    let resumedMs = -1;
    let settledMs = -1;
    if (orphans.length > 0) {
      const ids = orphans.map((row) => row.id);
      for (;;) {
        const open = await database.db.delivery.count({ where: { id: { in: ids }, state: { not: "sent" } } });
        if (open === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      settledMs = Date.now() - killedAt;
      const resumed = b.logs.filter((line) => line.msg === "interrupted delivery resumed");
      expect(resumed.map((line) => line.deliveryId)).toEqual(expect.arrayContaining(ids));
      resumedMs = Math.max(...resumed.map((line) => Number(line.time) - killedAt));
      // Freed as soon as A's control connection is gone (B looks every 250 ms here), settled in seconds,
      // where the old lease waited 120 s.
      expect(resumedMs).toBeLessThan(3000);
      expect(settledMs).toBeLessThan(10_000);
    }

    await fake.waitForCalls((c) => c.method === "sendMessage" && c.response.ok, ARTICLES * CHANNELS.length, { timeoutMs: 60_000 });
    await expect.poll(() => database.db.delivery.count({ where: { state: { not: "sent" } } }), { timeout: 30_000 }).toBe(0);
    for (const channel of CHANNELS) {
      const urls = fake.messages(channel).map((m) => (m.reply_markup as { inline_keyboard: Array<Array<{ url: string }>> }).inline_keyboard[0]![0]!.url);
      expect(urls).toHaveLength(ARTICLES);
      expect(new Set(urls).size).toBe(ARTICLES);
    }
    console.log(`recovery: A killed holding ${orphans.length} claim(s); freed ${resumedMs} ms and settled (sent or found, recorded) ${settledMs} ms after the kill`);
  }, 120_000);
});
