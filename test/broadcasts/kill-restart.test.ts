// kill -9 in the middle of a broadcast to thousands of readers: the real process (npm start's entry point)
// is killed three times while it sends. Nobody may be lost, and nobody may get the message twice except
// the readers whose send was in flight at a kill: Telegram had answered, the store had not recorded it.
// Those are counted at each kill (claimed rows whose reader already has the message) and must be exactly
// the duplicates found at the end.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { startFakeTelegram, type FakeTelegram } from "../support/fake-telegram/index.ts";
import { seedReaders } from "../support/readers.ts";

const READERS = 3000;
const KILLS = 3;
const PER_SECOND = 500;
const FIRST_ID = 3_000_000;

describe("killing the process while it broadcasts", () => {
  let fake: FakeTelegram;
  let database: TestDatabase;
  beforeAll(async () => {
    fake = await startFakeTelegram();
    fake.latency(2);
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
        HTTP_HOST: "127.0.0.1", HTTP_PORT: "0", LOG_LEVEL: "warn", QUIET_HOURS: "off", GLOBAL_MESSAGES_PER_SECOND: "100000",
        BROADCAST_PER_SECOND: String(PER_SECOND), DIGEST_TIME: "00:00",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
  }

  const delivered = () => fake.calls.filter((c) => c.method === "sendMessage" && c.response.ok && Number(c.params.chat_id) >= FIRST_ID).length;

  /** Readers whose send was claimed and already answered by Telegram, but not recorded: the in-flight window. */
  async function inDoubt(): Promise<number> {
    const claimed = await database.db.broadcastRecipient.findMany({ where: { state: "sending" }, select: { chatId: true } });
    return claimed.filter((row) => fake.messages(row.chatId).length > 0).length;
  }

  it("loses nobody and writes twice only to the sends in flight at each kill", async () => {
    const ids = await seedReaders(database.db, FIRST_ID, READERS);
    const broadcast = await database.db.broadcast.create({ data: { kind: "announcement", status: "queued", text: "Важное объявление" } });

    let window = 0;
    const windows: number[] = [];
    for (let round = 0; round < KILLS; round++) {
      const child = startProcess();
      const target = delivered() + 300 + Math.floor(Math.random() * 400);
      await fake.waitForCalls((c) => c.method === "sendMessage" && c.response.ok && Number(c.params.chat_id) >= FIRST_ID, target, { timeoutMs: 60_000 });
      child.kill("SIGKILL");
      await once(child, "exit");
      const doubt = await inDoubt();
      windows.push(doubt);
      window += doubt;
    }
    expect(delivered()).toBeLessThan(READERS);

    const last = startProcess();
    let stderr = "";
    last.stderr!.on("data", (chunk) => (stderr += String(chunk)));
    try {
      for (;;) {
        const row = await database.db.broadcast.findUniqueOrThrow({ where: { id: broadcast.id } });
        if (row.status === "done") break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      last.kill("SIGTERM");
      await once(last, "exit");
    }
    expect(stderr).not.toContain(fake.token);

    const counts = ids.map((id) => fake.messages(id).length);
    const lost = counts.filter((n) => n === 0).length;
    const twice = counts.filter((n) => n === 2).length;
    console.log(`broadcast kill test: ${KILLS} kills, sends in flight at each kill ${windows.join(", ")}; ${twice} readers got it twice, ${lost} lost, of ${READERS}`);
    expect(lost).toBe(0);
    expect(counts.filter((n) => n > 2)).toEqual([]);
    expect(twice).toBe(window);
    const states = await database.db.broadcastRecipient.groupBy({ by: ["state"], where: { broadcastId: broadcast.id }, _count: { _all: true } });
    expect(states).toEqual([{ state: "sent", _count: { _all: READERS } }]);
  }, 240_000);
});
