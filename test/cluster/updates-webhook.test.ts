// Webhook mode with two instances on one PostgreSQL: Telegram may hand consecutive updates of one chat
// to different instances; they must be handled one at a time (chat-lock.ts), and an update delivered
// twice (Telegram's retry, or a redelivery after a failover) is handled once (handled-updates.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { testProvider } from "../support/database.ts";
import { startFakeTelegram, type FakeTelegram } from "../support/fake-telegram/index.ts";
import type { RecordedCall } from "../support/fake-telegram/server.ts";

const SECRET = "hook-secret_2";
const reason = "PostgreSQL only: several instances need a shared PostgreSQL (SQLite is one process)";
if (testProvider !== "postgresql") console.info(`test/cluster/updates-webhook.test.ts skipped: ${reason}`);

describe.skipIf(testProvider !== "postgresql")("webhook updates with several instances (PostgreSQL only)", () => {
  let fake: FakeTelegram;
  let first: TestApp;
  let second: TestApp;
  /** when each call's answer left the fake (RecordedCall.at is when it arrived) */
  const answeredAt = new Map<RecordedCall, number>();
  let updateId = 1000;

  beforeAll(async () => {
    const env = { WEBHOOK_URL: "http://127.0.0.1:9/telegram/webhook", WEBHOOK_SECRET: SECRET };
    fake = await startFakeTelegram({ onCall: (call) => answeredAt.set(call, Date.now()) });
    first = await startTestApp({ env, fake });
    second = await startTestApp({ env, fake, database: first.database });
  });
  afterAll(async () => {
    await second?.stopApp();
    await first?.close();
    await fake?.close();
  });

  const message = (chatId: number, text: string) => ({
    update_id: ++updateId,
    message: {
      message_id: updateId, date: Math.floor(Date.now() / 1000), text,
      from: { id: chatId, is_bot: false, first_name: "Айгерим" }, chat: { id: chatId, type: "private", first_name: "Айгерим" },
    },
  });
  const post = async (t: TestApp, update: object) => {
    const response = await t.app.server.inject({
      method: "POST", url: "/telegram/webhook", payload: JSON.stringify(update),
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
    });
    expect(response.statusCode).toBe(200);
  };
  const repliesTo = (chatId: number) => fake.calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === chatId);

  it("handles the updates of one chat one at a time across instances", async () => {
    // Each reply takes a while, so two handlings of the chat at once would overlap in the fake's records.
    fake.latency(40);
    const chatId = 7001;
    const updates = Array.from({ length: 16 }, (_, i) => message(chatId, `hello ${i}`));
    await Promise.all(updates.map((update, i) => post(i % 2 === 0 ? first : second, update)));
    fake.latency(0);

    const replies = repliesTo(chatId);
    expect(replies).toHaveLength(updates.length);
    const spans = replies.map((call) => ({ start: call.at, end: answeredAt.get(call)! })).sort((a, b) => a.start - b.start);
    const overlapping = spans.filter((span, i) => i > 0 && span.start < spans[i - 1]!.end);
    expect(overlapping, "replies to one chat sent while another was in flight").toEqual([]);
  });

  it("handles an update delivered to both instances once", async () => {
    const chatId = 7002;
    const updates = Array.from({ length: 5 }, (_, i) => message(chatId, `twice ${i}`));
    for (const update of updates) await Promise.all([post(first, update), post(second, update)]);
    expect(repliesTo(chatId)).toHaveLength(updates.length);
    const recorded = await first.database.db.handledUpdate.count({ where: { updateId: { in: updates.map((u) => BigInt(u.update_id)) } } });
    expect(recorded).toBe(updates.length);
  });
});

