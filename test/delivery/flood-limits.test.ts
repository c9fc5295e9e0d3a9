// The whole app against a fake Telegram that enforces flood limits with real 429s, plus 429s thrown in:
// every post arrives once, each 429 is waited out (judged on the times the fake recorded each call), and
// none is left unhandled. Limits are scaled down (5 a second per chat, 12 overall) so
// the test takes seconds, not minutes; the mechanism is the one that runs at Telegram's real numbers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { errors } from "../support/fake-telegram/index.ts";

const CHANNELS = ["@flood_one", "@flood_two", "@flood_three"];
const ARTICLES = 16;
const PER_CHAT = 5;
const GLOBAL = 12;

describe("posting under Telegram's flood limits", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: {
        CHANNELS: CHANNELS.map((c) => `${c}:ru`).join(","),
        CHAT_MESSAGES_PER_SECOND: String(PER_CHAT), GROUP_MESSAGES_PER_MINUTE: String(PER_CHAT * 60), GLOBAL_MESSAGES_PER_SECOND: String(GLOBAL), BROADCAST_PER_SECOND: String(GLOBAL / 2),
      },
    });
    t.fake.rateLimit({ perChatPerSecond: PER_CHAT, globalPerSecond: GLOBAL });
  });
  afterAll(() => t.close());

  it("posts every article to every channel once, waiting out every 429 it gets", async () => {
    // Telegram may still say 429 (another bot on the same IP, its own hiccups): three of them, up front.
    t.fake.failNext({ method: "sendMessage", chatId: CHANNELS[1], times: 2, error: errors.tooManyRequests(1) });
    t.fake.failNext({ method: "sendMessage", chatId: CHANNELS[2], error: errors.tooManyRequests(2) });
    await Promise.all(Array.from({ length: ARTICLES }, (_, i) =>
      t.api("POST", "/api/articles", { externalId: `flood-${i}`, url: `https://ekaraganda.kz/flood/${i}`, title: `Новость ${i}` })));
    await t.fake.waitForCalls((c) => c.method === "sendMessage" && c.response.ok, ARTICLES * CHANNELS.length, { timeoutMs: 50_000 });
    await t.app.worker.idle();

    for (const chat of CHANNELS) {
      const titles = t.fake.messages(chat).map((m) => m.text!.split("\n")[0]);
      expect(titles.sort()).toEqual(Array.from({ length: ARTICLES }, (_, i) => `Новость ${i}`).sort());
    }
    const sends = t.fake.callsTo("sendMessage");
    const refused = sends.filter((c) => !c.response.ok);
    // The three thrown in are among the refusals; any others are the fake's own limits, which see the
    // calls when they arrive (in this one process, late by however long the event loop was busy).
    expect(refused.map((c) => c.response.error_code)).toEqual(refused.map(() => 429));
    expect(refused.filter((c) => c.params.chat_id === CHANNELS[2] && /retry after 2/.test(c.response.description!))).toHaveLength(1);
    console.log(`flood test: ${sends.length} sendMessage calls, ${refused.length} answered 429 (${t.fake.violations} by the fake's limits)`);
    // Every 429 was waited out: the chat's next call came at least retry_after later, and succeeded in the end.
    for (const no of refused) {
      const next = sends.find((c) => c.params.chat_id === no.params.chat_id && c.at > no.at);
      expect(next, `a call after the 429 at ${no.at}`).toBeDefined();
      expect(next!.at - no.at).toBeGreaterThanOrEqual(Number(/retry after (\d+)/.exec(no.response.description!)![1]) * 1000 - 50);
    }
    // The limits were on: 48 posts at 12 a second cannot take less than 3 seconds (times the fake recorded).
    const accepted = sends.filter((c) => c.response.ok);
    expect(accepted.at(-1)!.at - accepted[0]!.at).toBeGreaterThanOrEqual(Math.floor((ARTICLES * CHANNELS.length - 1) / GLOBAL) * 1000);
    const rows = await t.database.db.delivery.findMany();
    expect(rows.map((r) => r.state)).toEqual(Array(ARTICLES * CHANNELS.length).fill("sent"));
    expect(t.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
  }, 60_000); // 48 posts at 12 a second take four seconds at least, more on a busy machine
});
