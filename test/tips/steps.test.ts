// /cancel and junk at every step: each question either moves on or answers with a short hint.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { Citizen, trackHandling, TIP_TEXT, type Settle } from "./driver.ts";

/** Walks a citizen to the given step (0 = topic … 6 = preview). */
async function reach(c: Citizen, t: TestApp, step: number) {
  const steps: Array<() => Promise<void>> = [
    () => c.text("/tip"),
    () => c.press("tipc:topic:incident"),
    () => c.text(TIP_TEXT),
    () => c.press("tipc:media:skip"),
    () => c.location(),
    () => c.text(t.app.translate(c.languageCode, "tip-button-anonymous")),
    () => c.press("tipc:consent:anonymous"),
  ];
  for (const run of steps.slice(0, step + 1)) await run();
}

const STEP_NAMES = ["topic", "text", "media", "place", "contact", "consent", "preview"];

describe("tip conversation steps", () => {
  let t: TestApp;
  let settle: Settle;
  beforeAll(async () => {
    t = await startTestApp();
    settle = trackHandling(t);
  });
  afterAll(() => t.close());

  STEP_NAMES.forEach((name, step) => {
    it(`cancels at the ${name} step with /cancel and stores nothing`, async () => {
      const c = new Citizen(t, settle, 2000 + step, "en");
      await reach(c, t, step);
      const tips = await t.database.db.tip.count();
      await c.text("/cancel");
      expect(c.lastSaid()).toBe(t.app.translate("en", "tip-cancelled"));
      // The next message is not taken as an answer: it gets the general hint, never a tip question's.
      await c.text("hello there, anybody?");
      expect(c.lastSaid()).toBe(t.app.translate("en", "start-hint"));
      expect(await t.database.db.tip.count()).toBe(tips);
      expect(await t.database.db.session.count({ where: { key: `conversation:${c.id}` } })).toBe(0);
    });

    it(`answers a sticker and a command at the ${name} step with a hint and stays there`, async () => {
      const c = new Citizen(t, settle, 2100 + step, "ru");
      await reach(c, t, step);
      const question = c.lastSaid();
      c.user.sendSticker();
      await settle();
      expect(c.lastSaid()).not.toBe(question);
      expect(c.lastSaid().length).toBeGreaterThan(10);
      await c.text("/tip");
      expect(c.lastSaid()).toBe(t.app.translate("ru", "tip-hint-command"));
      await c.text("/whatever");
      expect(c.lastSaid()).toBe(t.app.translate("ru", "tip-hint-command"));
      expect(await t.database.db.session.count({ where: { key: `conversation:${c.id}` } })).toBe(1);
    });
  });

  it("names the limits: too short, too long, too many files, a place too long", async () => {
    const c = new Citizen(t, settle, 2200, "en");
    await reach(c, t, 1);
    await c.text("water");
    expect(c.lastSaid()).toBe(t.app.translate("en", "tip-hint-text-short", { min: 15 }));
    await c.text("x ".repeat(2000));
    expect(c.lastSaid()).toBe(t.app.translate("en", "tip-hint-text-long", { max: 3000, length: 3999 }));
    expect(c.lastSaid()).toContain("3,000");
    await c.text(TIP_TEXT);
    await c.album(8, "first");
    await c.album(5, "second");
    expect(c.said().filter((s) => s === t.app.translate("en", "tip-hint-media-limit", { max: 10 }))).toHaveLength(1);
    await c.press("tipc:media:done");
    await c.text("a".repeat(301));
    expect(c.lastSaid()).toBe(t.app.translate("en", "tip-hint-place-long", { max: 300, length: 301 }));
  });

  it("accepts only the citizen's own contact", async () => {
    const c = new Citizen(t, settle, 2201, "kk");
    await reach(c, t, 4);
    c.user.sendContact("+77770000000", { user_id: 999 });
    await settle();
    expect(c.lastSaid()).toBe(t.app.translate("kk", "tip-hint-contact-own"));
    c.user.sendContact("+77770000001");
    await settle();
    expect(c.lastSaid()).toBe(t.app.translate("kk", "tip-hint-contact-own"));
    await c.ownContact("+77770000002");
    expect(c.said().at(-2)).toBe(t.app.translate("kk", "tip-contact-saved"));
    expect(c.lastSaid()).toBe(t.app.translate("kk", "tip-ask-consent"));
  });

  it("refuses a button of an earlier question with a toast", async () => {
    const c = new Citizen(t, settle, 2202, "en");
    await reach(c, t, 2);
    await c.press("tipc:topic:city");
    const answer = t.fake.callsTo("answerCallbackQuery").at(-1)!;
    expect(answer.params.text).toBe(t.app.translate("en", "tip-hint-stale-button"));
  });

  it("answers /cancel outside a tip with 'nothing to cancel'", async () => {
    const c = new Citizen(t, settle, 2203, "en");
    await c.text("/cancel");
    expect(c.lastSaid()).toBe(t.app.translate("en", "nothing-to-cancel"));
  });
});
