import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { seedReaders, settleBroadcast } from "../support/readers.ts";

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
});
