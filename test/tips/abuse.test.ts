// Floods, phone numbers in logs, and many citizens at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { Citizen, desk, sendFullTip, trackHandling, type Settle } from "./driver.ts";
import { MAX_HINTS_PER_QUESTION } from "../../src/bot/conversations/tip-prompt.ts";

describe("tips under abuse and load", () => {
  let t: TestApp;
  let settle: Settle;
  beforeAll(async () => {
    t = await startTestApp();
    settle = trackHandling(t);
  });
  afterAll(() => t.close());

  it("answers a flood once with a polite message and drops the rest", async () => {
    const c = new Citizen(t, settle, 5000, "en");
    await c.text("/tip");
    await c.press("tipc:topic:city");
    for (let i = 0; i < 45; i++) c.user.sendText(`spam ${i}`);
    await settle();
    const polite = t.app.translate("en", "tip-rate-limited");
    expect(c.said().filter((s) => s === polite)).toHaveLength(1);
    // /tip, the topic and 28 messages fit in the limit of 30; 17 were dropped. Of the 28, the first five
    // got a "too short" hint, the sixth ended the tip, and the rest were outside any tip.
    const said = (key: string, vars?: Record<string, number>) => c.said().filter((s) => s === t.app.translate("en", key, vars)).length;
    expect(said("tip-hint-text-short", { min: 15 })).toBe(MAX_HINTS_PER_QUESTION);
    expect(said("tip-ended-hints")).toBe(1);
    expect(said("start-hint")).toBe(28 - MAX_HINTS_PER_QUESTION - 1);
    expect(await t.database.db.session.count({ where: { key: `conversation:${c.id}` } })).toBe(0);
  });

  it("never writes a tipster's phone number or chat id into the logs", async () => {
    const c = new Citizen(t, settle, 5987654321, "ru");
    await sendFullTip(c, { phone: "+77019876543" });
    expect(desk(t).some((m) => m.text?.includes("+77019876543"))).toBe(true);
    const logs = t.logText();
    expect(logs).toContain("tip received");
    expect(logs).not.toContain("9876543");
  });

  it("lands 80 tips sent at once exactly once each, never crossing conversations", async () => {
    const citizens = Array.from({ length: 80 }, (_, i) => new Citizen(t, settle, 6000 + i, (["ru", "kk", "en"] as const)[i % 3]));
    const before = await t.database.db.tip.count();
    await Promise.all(citizens.map((c) => sendFullTip(c, { photos: 2, text: `Tip number ${c.id}: the lights are out on our street`, phone: `+7700${c.id}` })));
    expect(await t.database.db.tip.count()).toBe(before + 80);
    const tips = await t.database.db.tip.findMany({ where: { user: { telegramId: { in: citizens.map((c) => String(c.id)) } } }, include: { user: true, attachments: true } });
    expect(tips).toHaveLength(80);
    expect(new Set(tips.map((tip) => tip.reference)).size).toBe(80);
    for (const tip of tips) {
      const id = tip.user!.telegramId;
      expect(tip.text).toBe(`Tip number ${id}: the lights are out on our street`);
      expect(tip.contactPhone).toBe(`+7700${id}`);
      expect(tip.attachments.map((a) => a.fileId)).toEqual([`album-${id}-photo-0`, `album-${id}-photo-1`]);
      const cards = desk(t).filter((m) => m.text?.startsWith(`📝 ${tip.reference} `));
      expect(cards).toHaveLength(1);
      expect(cards[0]!.text).toContain(`Tip number ${id}:`);
    }
    for (const c of citizens) {
      const tip = tips.find((x) => x.user?.telegramId === String(c.id))!;
      expect(c.lastSaid()).toBe(t.app.translate(c.languageCode, "tip-sent", { reference: tip.reference }));
    }
  }, 60_000);
});
