// Long polling with three instances on one PostgreSQL, as real processes (npm start's entry point): one
// consumes, the others stand by; kill -9 the consumer and another takes over within seconds, through the
// 409 Conflict Telegram answers while the dead consumer's long poll is still open.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/database.ts";
import { startFakeTelegram, type FakeTelegram } from "../support/fake-telegram/index.ts";
import type { RecordedCall } from "../support/fake-telegram/server.ts";

const INSTANCES = ["i1", "i2", "i3"];
const USERS = 40;
const ROUNDS = 3;

const reason = "PostgreSQL only: several instances need a shared PostgreSQL (SQLite is one process)";
if (testProvider !== "postgresql") console.info(`test/cluster/updates.test.ts skipped: ${reason}`);

describe.skipIf(testProvider !== "postgresql")("long polling with several instances (PostgreSQL only)", () => {
  let fake: FakeTelegram;
  let database: TestDatabase;
  /** when each call reached the fake, by the wall clock (the takeover is measured against the kill) */
  const seenAt = new Map<RecordedCall, number>();
  const children = new Map<string, ChildProcess>();

  beforeAll(async () => {
    fake = await startFakeTelegram({ onCall: (call) => seenAt.set(call, Date.now()) });
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const child of children.values()) if (child.exitCode === null) child.kill("SIGKILL");
    await database.destroy();
    await fake.close();
  });

  function startInstance(name: string): ChildProcess {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: {
        PATH: process.env.PATH, BOT_TOKEN: fake.token, DATABASE_URL: database.url,
        // The path segment names the instance in the fake's records (RecordedCall.client).
        TELEGRAM_API_ROOT: `${fake.apiRoot}/${name}`,
        HTTP_HOST: "127.0.0.1", HTTP_PORT: "0", LOG_LEVEL: "warn", QUIET_HOURS: "off",
        CHAT_MESSAGES_PER_SECOND: "1000", GROUP_MESSAGES_PER_MINUTE: "100000", GLOBAL_MESSAGES_PER_SECOND: "100000",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += String(chunk)));
    child.on("exit", (code, signal) => {
      if (signal !== "SIGKILL" && signal !== "SIGTERM" && code !== 0) console.error(`instance ${name} exited with ${code}:\n${stderr}`);
    });
    children.set(name, child);
    return child;
  }

  const polls = () => fake.callsTo("getUpdates");
  const repliesTo = (userId: number) => fake.messages(userId).length;

  async function sendAndAwaitReplies(firstUserId: number, expectedEach: number): Promise<void> {
    for (let i = 0; i < USERS; i++) fake.user({ id: firstUserId + i }).sendText(`hello ${i}`);
    await fake.waitForCalls((c) => c.method === "sendMessage" && Number(c.params.chat_id) >= firstUserId && Number(c.params.chat_id) < firstUserId + USERS,
      USERS * expectedEach, { timeoutMs: 30_000 });
  }

  it("lets one instance consume, and another take over within 10 s of its kill -9 without handling an update twice", async () => {
    // The dead consumer's long poll stays open until its timeout, and Telegram refuses the next one (409).
    fake.holdAbandonedPolls(true);
    for (const name of INSTANCES) startInstance(name);
    // Every instance removes the webhook right before its first try for the updates lease.
    await fake.waitForCalls((c) => c.method === "deleteWebhook", INSTANCES.length, { timeoutMs: 60_000 });

    const takeovers: number[] = [];
    let lastKill = 0;
    // A killed consumer's open poll is answered (into the void) after its kill: not a second consumer.
    const dead = new Set<string | undefined>();
    let users = 100;
    for (let round = 0; round < ROUNDS; round++) {
      await sendAndAwaitReplies(users, 1);
      users += USERS;
      const answered = polls().filter((c) => c.response.ok);
      const consumers = new Set(answered.filter((c) => seenAt.get(c)! > lastKill && !dead.has(c.client)).map((c) => c.client));
      expect(consumers.size, "one instance polls at a time").toBe(1);
      const consumer = [...consumers][0]!;

      // Updates pushed while the consumer dies and another takes over must all be answered, once.
      const killedAt = Date.now();
      const child = children.get(consumer)!;
      child.kill("SIGKILL");
      dead.add(consumer);
      await once(child, "exit");
      for (let i = 0; i < USERS; i++) fake.user({ id: users + i }).sendText(`during the takeover ${i}`);
      const next = await fake.waitForCall((c) => c.method === "getUpdates" && c.response.ok && c.client !== consumer && seenAt.get(c)! > killedAt,
        { timeoutMs: 20_000 });
      takeovers.push(seenAt.get(next)! - killedAt);
      await fake.waitForCalls((c) => c.method === "sendMessage" && Number(c.params.chat_id) >= users && Number(c.params.chat_id) < users + USERS,
        USERS, { timeoutMs: 30_000 });
      users += USERS;
      lastKill = killedAt;
      // The killed instance comes back as a standby (under a new name: its dead poll is still on record).
      startInstance(`${consumer}-${round + 2}`);
    }
    await fake.waitForIdle({ timeoutMs: 15_000 });
    const conflicts = polls().filter((c) => c.response.error_code === 409).length;
    console.log(`takeover after kill -9: ${takeovers.map((ms) => `${ms} ms`).join(", ")}; ${conflicts} getUpdates answered 409 meanwhile`);
    for (const ms of takeovers) expect(ms).toBeLessThanOrEqual(10_000);
    // The 409s really happened, and the new consumer lived through them.
    expect(conflicts).toBeGreaterThan(0);

    const counts = new Map<number, number>();
    for (let id = 100; id < users; id++) counts.set(id, repliesTo(id));
    expect([...counts].filter(([, n]) => n !== 1)).toEqual([]);
  }, 180_000);
});
