// /mydata shows what the bot keeps; /forget erases it, leaving the newsroom its tips without the person.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { Citizen, sendFullTip, trackHandling, type Settle } from "../tips/driver.ts";

describe("my data", () => {
  let t: TestApp;
  let settle: Settle;
  beforeAll(async () => {
    t = await startTestApp();
    t.fake.addChat({ id: -1001000000001, type: "supergroup", title: "Редакция" });
    settle = trackHandling(t);
  });
  afterAll(() => t.close());

  it("shows a tipster and subscriber what is kept, and erases it on request without losing the tip", async () => {
    const c = new Citizen(t, settle, 77_001, "ru");
    await sendFullTip(c, { phone: "+77015550101", consent: "name" });
    await c.text("/subscribe");
    await c.text("/mydata");
    const tip = (await t.app.services.tips.list({ limit: 1 }))[0]!;
    expect(c.lastSaid()).toContain(tip.reference);
    expect(c.lastSaid()).toContain(t.app.translate("ru", "mydata-tip-phone-kept"));
    expect(c.lastSaid()).toContain("77001");

    await c.text("/forget");
    await c.press("forget:yes");
    expect(c.lastSaid()).toBe(t.app.translate("ru", "forget-done"));
    // The tip stays with the newsroom, cut loose from the person.
    const kept = await t.database.db.tip.findUniqueOrThrow({ where: { id: tip.id } });
    expect(kept).toMatchObject({ userId: null, contactPhone: null, consent: "anonymous", text: tip.text });
    expect(await t.database.db.subscriber.count({ where: { user: { telegramId: String(c.id) } } })).toBe(0);
    expect(await t.database.db.session.count({ where: { key: `conversation:${c.id}` } })).toBe(0);
    // Writing again starts from nothing.
    await c.text("/mydata");
    expect(c.lastSaid()).not.toContain(tip.reference);
    expect(c.lastSaid()).toContain(t.app.translate("ru", "mydata-no-subscription"));
    expect(t.logText()).not.toContain("+77015550101");
  });

  it("keeps everything when the reader says no", async () => {
    const c = new Citizen(t, settle, 77_002, "kk");
    await c.text("/subscribe");
    await c.text("/forget");
    await c.press("forget:no");
    expect(c.lastSaid()).toBe(t.app.translate("kk", "forget-kept"));
    expect(await t.database.db.subscriber.count({ where: { user: { telegramId: String(c.id) }, active: true } })).toBe(1);
  });
});
