// The update consumer lives through what Telegram answers getUpdates when another consumer's long poll is
// still open (409 Conflict) and through failed polls: it keeps polling, warns once in a while rather than
// on every attempt, and never takes the process down (grammY's `run` gave up on 409).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";

describe("the long-polling consumer", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ app: { updates: { conflictRetryMs: 10 } } });
  });
  afterAll(async () => {
    await t.close();
  });

  it("keeps polling through 409 Conflicts and failed polls, warning once", async () => {
    const conflict = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";
    t.fake.failNext({ method: "getUpdates", times: 20, error: { kind: "api", error_code: 409, description: conflict } });
    // The running long poll returns with the first message; the 409s answer the polls after it.
    t.fake.user({ id: 801 }).sendText("hello");
    await t.fake.waitForCall((c) => c.method === "sendMessage" && c.params.chat_id === 801);
    t.fake.failNext({ method: "getUpdates", error: { kind: "api", error_code: 500, description: "Internal Server Error" } });
    t.fake.user({ id: 802 }).sendText("hello again");
    await t.fake.waitForCall((c) => c.method === "sendMessage" && c.params.chat_id === 802, { timeoutMs: 10_000 });

    expect(t.fake.callsTo("getUpdates").filter((c) => c.response.error_code === 409)).toHaveLength(20);
    const warnings = t.logs.filter((line) => line.level === 40 && String(line.msg).includes("409 Conflict"));
    expect(warnings).toHaveLength(1);
    expect(t.logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
  });
});
