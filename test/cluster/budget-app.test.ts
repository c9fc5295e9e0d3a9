// Three whole apps on one PostgreSQL database broadcast to readers through one fake Telegram that enforces
// the overall limit: between them they never go over it (no 429), and every reader gets the message once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/database.ts";
import { startFakeTelegram, type FakeTelegram } from "../support/fake-telegram/index.ts";
import { seedReaders, settleBroadcast } from "../support/readers.ts";

const onSqlite = testProvider !== "postgresql";
if (onSqlite) console.info("test/cluster/budget-app.test.ts: PostgreSQL only — SQLite is one process, its budget stays in memory (set TEST_DATABASE_URL)");

const GLOBAL = 30;
const BROADCAST = 20;
/** what the fake enforces: Telegram's limit, with room for arrivals bunched by a busy machine (one process) */
const TELEGRAM = 25;
const READERS = 120;

describe.skipIf(onSqlite)("three instances broadcasting on one PostgreSQL (PostgreSQL only)", () => {
  let database: TestDatabase;
  let fake: FakeTelegram;
  const apps: TestApp[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    fake = await startFakeTelegram();
    const env = { BROADCAST_PER_SECOND: String(BROADCAST), GLOBAL_MESSAGES_PER_SECOND: String(GLOBAL) };
    for (let i = 0; i < 3; i++) apps.push(await startTestApp({ fake, database, env }));
  });
  afterAll(async () => {
    for (const t of apps) await t.stopApp().catch(() => undefined);
    await database?.destroy();
    await fake?.close();
  });

  it("stays within Telegram's overall limit together, and every reader gets the broadcast once", async () => {
    // Only the broadcast is sending: each instance alone would fill the readers' share of 20 a second.
    fake.rateLimit({ globalPerSecond: TELEGRAM, perChatPerSecond: 1 });
    const ids = await seedReaders(database.db, 700_000, READERS);
    const broadcast = await apps[0]!.app.services.broadcasts.announce({ text: "Всем" }, "test");
    for (const t of apps) t.app.broadcaster.wake();
    const progress = await settleBroadcast(apps[0]!.app, broadcast.id, 60_000);
    expect(progress).toMatchObject({ status: "done", sent: READERS, failed: 0 });
    const sends = fake.callsTo("sendMessage").filter((c) => c.params.text === "Всем");
    expect(sends.filter((c) => !c.response.ok).map((c) => c.response.description)).toEqual([]);
    // (Without the shared budget each instance fills the lane on its own: dozens of 429s.)
    expect(fake.violations).toBe(0);
    for (const id of ids) expect(fake.messages(id).map((m) => m.text)).toEqual(["Всем"]);
    const times = sends.map((c) => c.at);
    console.info(`three instances: ${READERS} readers in ${((times.at(-1)! - times[0]!) / 1000).toFixed(1)} s (${(READERS / ((times.at(-1)! - times[0]!) / 1000)).toFixed(1)}/s of ${BROADCAST})`);
  }, 90_000);
});
