// Several instances, as an operator runs them: three `src/main.ts` processes on one PostgreSQL database,
// long polling against the fake Bot API (which enforces Telegram's limits with 429s and answers 409 to a
// second getUpdates consumer). While 200 articles go to 3 channels, citizens send tips and a broadcast
// reaches its readers, a random instance is killed with SIGKILL again and again and replaced. Afterwards
// every article is in every channel once, every tip on the desk once, every reader got the broadcast once,
// and Telegram never had to say 429 (the instances shared one budget).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/database.ts";
import { startFakeTelegram, type FakeTelegram, type FakeUser } from "../support/fake-telegram/index.ts";
import { seedReaders } from "../support/readers.ts";
import { startInstance, type Instance } from "../support/instances.ts";

const ARTICLES = 200;
const CHANNELS = ["@soak_one", "@soak_two", "@soak_three"];
const CITIZENS = 12;
const READERS = 300;
const KILLS = 5;
const API_TOKEN = "soak-api-token-0123456789";
const EDITOR_CHAT_ID = -1001000000077;
// Telegram's limits, scaled up so the soak takes a minute rather than ten: what the instances are told and
// what the fake enforces are the same numbers.
const LIMITS = { perChatPerSecond: 5, perGroupPerMinute: 240, globalPerSecond: 60, broadcastPerSecond: 40 };

const reason = "several instances share one PostgreSQL database; the embedded SQLite store is one process by design";
if (testProvider !== "postgresql") console.info(`soak test of three instances skipped: ${reason}`);

describe.skipIf(testProvider !== "postgresql")(`three instances killed at random under load (PostgreSQL only: ${reason})`, () => {
  let fake: FakeTelegram;
  let database: TestDatabase;
  const live = new Set<Instance>();
  const all: Instance[] = [];
  const leaks: string[] = [];

  beforeAll(async () => {
    fake = await startFakeTelegram();
    fake.latency(2);
    fake.rateLimit({ perChatPerSecond: LIMITS.perChatPerSecond, perChatPerMinute: LIMITS.perGroupPerMinute, globalPerSecond: LIMITS.globalPerSecond });
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all([...live].map((instance) => instance.kill()));
    await database?.destroy();
    await fake?.close();
  });

  function launch(): void {
    const instance = startInstance({
      BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_URL: database.url, API_TOKEN,
      EDITOR_CHAT_ID: String(EDITOR_CHAT_ID), CHANNELS: CHANNELS.map((c) => `${c}:ru`).join(","),
      CHAT_MESSAGES_PER_SECOND: String(LIMITS.perChatPerSecond), GROUP_MESSAGES_PER_MINUTE: String(LIMITS.perGroupPerMinute),
      GLOBAL_MESSAGES_PER_SECOND: String(LIMITS.globalPerSecond), BROADCAST_PER_SECOND: String(LIMITS.broadcastPerSecond),
    }, { watch: (line) => void ((line.includes(fake.token) || /\+?7700\d{3}/.test(line)) && leaks.push(line)) });
    live.add(instance);
    all.push(instance);
    instance.child.once("exit", () => live.delete(instance));
  }

  async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    // Any live instance serves the API; one killed mid-request is retried on another.
    for (let attempt = 0; ; attempt++) {
      const instances = [...live];
      const target = instances[Math.floor(Math.random() * instances.length)]!;
      try {
        const response = await fetch(`${(await target.running).url}${path}`, {
          method, headers: { authorization: `Bearer ${API_TOKEN}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: response.status, body: await response.json() };
      } catch (error) {
        if (attempt > 20) throw error;
      }
    }
  }

  /**
   * A citizen's step: act, then wait until the bot said what comes next (`marker`: a button's data or
   * words of the next question). A person whose message got no answer for a while sends it again once.
   */
  async function step(user: FakeUser, act: () => void, marker: string): Promise<void> {
    const answered = (c: { params: Record<string, unknown>; response: { ok: boolean } }) =>
      c.response.ok && String(c.params.chat_id) === String(user.id) && JSON.stringify(c.params).includes(marker);
    if (fake.calls.some(answered)) throw new Error(`citizen ${user.id}: "${marker}" was said before its step`);
    for (let attempt = 0; attempt < 2; attempt++) {
      act();
      try {
        await fake.waitForCall(answered, { timeoutMs: 20_000 });
        return;
      } catch (error) {
        if (attempt === 1) throw error;
      }
    }
  }

  async function citizen(id: number): Promise<void> {
    const user = fake.user({ id, first_name: `Soak${id}`, language_code: "ru" });
    const press = (data: string) => () => {
      const message = fake.messages(id).filter((m) => JSON.stringify(m.reply_markup ?? {}).includes(`"${data}"`)).at(-1);
      if (!message) throw new Error(`citizen ${id}: no button ${data}; bot said ${fake.messages(id).map((m) => m.text).join(" | ")}`);
      user.press(message, data);
    };
    await step(user, () => user.sendText("/tip"), "tipc:topic:roads");
    await step(user, press("tipc:topic:roads"), "Что произошло");
    await step(user, () => user.sendText(`Soak tip ${id}: the traffic lights at the crossing are out`), "tipc:media:skip");
    await step(user, press("tipc:media:skip"), "геопозицию");
    await step(user, () => user.sendLocation(49.8, 73.1), "Поделитесь номером");
    await step(user, () => user.sendContact(`+7700${id}`, { user_id: id }), "tipc:consent:anonymous");
    await step(user, press("tipc:consent:anonymous"), "tipc:preview:send");
    const before = await database.db.tip.count();
    press("tipc:preview:send")();
    await fake.waitForCall((c) => c.response.ok && String(c.params.chat_id) === String(EDITOR_CHAT_ID) && JSON.stringify(c.params).includes(`Soak tip ${id}:`), { timeoutMs: 40_000 })
      .catch(() => { throw new Error(`citizen ${id}: the tip never reached the desk (${before} tips before)`); });
  }

  it("posts every article in every channel once, every tip once, the broadcast to every reader once, with no 429", async () => {
    const readerIds = await seedReaders(database.db, 7_000_000, READERS);
    for (let i = 0; i < 3; i++) launch();
    await Promise.all([...live].map((instance) => instance.running));

    const broadcast = await api("POST", "/api/broadcasts", { text: "Всем читателям: проверка рассылки", language: null });
    expect(broadcast.status).toBe(202);
    const publishing = (async () => {
      for (let i = 1; i <= ARTICLES; i++) {
        const response = await api("POST", "/api/articles", { externalId: `soak-${i}`, url: `https://ekaraganda.kz/soak/${i}`, title: `Материал ${i}`, lead: "Лид." });
        expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
      }
    })();
    const tips = Promise.all(Array.from({ length: CITIZENS }, (_, i) => citizen(8_000_000 + i)));

    const killer = (async () => {
      for (let kill = 0; kill < KILLS; kill++) {
        await new Promise((resolve) => setTimeout(resolve, 3000 + Math.random() * 3000));
        const victims = [...live];
        await victims[Math.floor(Math.random() * victims.length)]!.kill();
        launch();
      }
    })();
    await Promise.all([publishing, tips, killer]);

    // Everything settles: no delivery open, the broadcast done, every tip's card posted.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const [open, recipients, cardless] = await Promise.all([
        database.db.delivery.count({ where: { state: { not: "sent" } } }),
        database.db.broadcastRecipient.count({ where: { state: { notIn: ["sent"] } } }),
        database.db.tip.count({ where: { cardMessageId: null } }),
      ]);
      if (open === 0 && recipients === 0 && cardless === 0) break;
      if (Date.now() > deadline) throw new Error(`not settled: ${open} deliveries, ${recipients} recipients, ${cardless} cards open`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    for (const channel of CHANNELS) {
      const urls = fake.messages(channel).map((m) => JSON.stringify(m.reply_markup).match(/soak\/(\d+)/)?.[1]);
      expect(urls.length, `posts in ${channel}`).toBe(ARTICLES);
      expect(new Set(urls).size, `distinct articles in ${channel}`).toBe(ARTICLES);
    }
    const tipRows = await database.db.tip.findMany();
    expect(tipRows).toHaveLength(CITIZENS);
    const desk = fake.messages(EDITOR_CHAT_ID).map((m) => m.text ?? m.caption ?? "");
    for (let i = 0; i < CITIZENS; i++) {
      expect(desk.filter((text) => text.includes(`Soak tip ${8_000_000 + i}:`)), `cards of citizen ${i}`).toHaveLength(1);
    }
    for (const reader of readerIds) {
      expect(fake.messages(reader).filter((m) => m.text?.includes("проверка рассылки")), `broadcast to ${reader}`).toHaveLength(1);
    }
    const tooMany = fake.calls.filter((c) => c.response.error_code === 429);
    console.log(`soak: ${KILLS} kills, ${fake.calls.length} calls, ${tooMany.length} × 429`);
    expect(tooMany.map((c) => `${c.method} ${String(c.params.chat_id)}`)).toEqual([]);
    const output = all.map((instance) => instance.output()).join("\n");
    expect(leaks).toEqual([]);
    expect(output).not.toContain(fake.token);
    expect(output).not.toMatch(/\+7700\d/);
  }, 300_000);
});
