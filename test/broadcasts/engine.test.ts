import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { seedReaders, settleBroadcast } from "../support/readers.ts";
import { errors } from "../support/fake-telegram/index.ts";

describe("the broadcast engine", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("writes to every matching reader exactly once and marks blocked and deactivated readers at once", async () => {
    const ids = await seedReaders(t.database.db, 500_000, 600, (i) => ({ language: i % 3 === 0 ? "kk" : "ru" }));
    const kk = ids.filter((_, i) => i % 3 === 0);
    t.fake.blockChat(kk[0]!);
    t.fake.deactivateUser(kk[1]!);
    const broadcast = await t.app.services.broadcasts.announce({ text: "Сәлем, оқырман!", language: "kk" }, "test");
    const progress = await settleBroadcast(t.app, broadcast.id);
    expect(progress).toMatchObject({ status: "done", total: kk.length, sent: kk.length - 2, blocked: 2, failed: 0 });
    for (const id of kk.slice(2)) expect(t.fake.messages(id).map((m) => m.text)).toEqual(["Сәлем, оқырман!"]);
    for (const id of ids.filter((_, i) => i % 3 !== 0)) expect(t.fake.messages(id)).toHaveLength(0);
    const blocked = await t.database.db.user.findMany({ where: { reachable: false }, select: { telegramId: true } });
    expect(blocked.map((u) => Number(u.telegramId)).sort()).toEqual([kk[0], kk[1]].sort());
  }, 60_000);

  it("obeys a 429 and retries a failed send, and each reader still gets the message once", async () => {
    const ids = await seedReaders(t.database.db, 510_000, 20, () => ({ language: "en" }));
    t.fake.failNext({ method: "sendMessage", chatId: ids[3]!, error: errors.tooManyRequests(1) });
    t.fake.failNext({ method: "sendMessage", chatId: ids[5]!, error: errors.internal() });
    const broadcast = await t.app.services.broadcasts.announce({ text: "Once", language: "en" }, "test");
    const progress = await settleBroadcast(t.app, broadcast.id);
    expect(progress).toMatchObject({ status: "done", sent: 20, failed: 0 });
    for (const id of ids) expect(t.fake.messages(id).map((m) => m.text)).toEqual(["Once"]);
    const refused = t.fake.callsTo("sendMessage").filter((c) => String(c.params.chat_id) === String(ids[3]) && c.response.error_code === 429);
    const retried = t.fake.callsTo("sendMessage").filter((c) => String(c.params.chat_id) === String(ids[3]) && c.response.ok);
    expect(refused).toHaveLength(1);
    // Not before Telegram's retry_after.
    expect(retried[0]!.at - refused[0]!.at).toBeGreaterThanOrEqual(1000);
  }, 30_000);
});

describe("paid broadcasts", () => {
  it("pass allow_paid_broadcast and stay within the fake's paid limit", async () => {
    const t = await startTestApp({ env: { PAID_BROADCAST: "on", GLOBAL_MESSAGES_PER_SECOND: "30" } });
    try {
      t.fake.rateLimit({ globalPerSecond: 30, paidPerSecond: 1000 });
      const ids = await seedReaders(t.database.db, 520_000, 300);
      const broadcast = await t.app.services.broadcasts.announce({ text: "Paid" }, "test");
      const progress = await settleBroadcast(t.app, broadcast.id);
      expect(progress).toMatchObject({ status: "done", sent: ids.length });
      const sends = t.fake.callsTo("sendMessage").filter((c) => c.params.text === "Paid");
      expect(sends.every((c) => c.params.allow_paid_broadcast === true) && sends.length === ids.length).toBe(true);
      expect(t.fake.paidSends).toBe(ids.length);
      // 300 messages went faster than the free 30/s would allow.
      expect(t.fake.violations).toBe(0);
    } finally {
      await t.close();
    }
  }, 30_000);
});

describe("free broadcasts", () => {
  it("keep to BROADCAST_PER_SECOND, under the free overall limit, with no 429", async () => {
    const t = await startTestApp({ env: { BROADCAST_PER_SECOND: "10", GLOBAL_MESSAGES_PER_SECOND: "30" } });
    try {
      t.fake.rateLimit({ globalPerSecond: 30 });
      const ids = await seedReaders(t.database.db, 530_000, 25);
      const broadcast = await t.app.services.broadcasts.announce({ text: "Free" }, "test");
      await settleBroadcast(t.app, broadcast.id);
      const times = t.fake.callsTo("sendMessage").filter((c) => c.params.text === "Free" && c.response.ok).map((c) => c.at);
      expect(times).toHaveLength(ids.length);
      // 25 at 10 a second: three windows at least. (Arrival times bunch up on a loaded machine, so the
      // spread is checked, not each window: a slow machine only stretches it.)
      expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(1500);
      expect(t.fake.callsTo("sendMessage").some((c) => "allow_paid_broadcast" in c.params)).toBe(false);
      expect(t.fake.violations).toBe(0);
    } finally {
      await t.close();
    }
  }, 30_000);
});
