// The conversation lives in the shared store: a restart resumes it, an abandoned one expires.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { errors } from "../support/fake-telegram/index.ts";
import type { Clock } from "../../src/clock.ts";
import { Citizen, desk, EDITOR_CHAT_ID, trackHandling, TIP_TEXT, type Settle } from "./driver.ts";

describe("tip conversation state", () => {
  let t: TestApp;
  let settle: Settle;
  let now = new Date("2025-03-01T10:00:00Z");
  const clock: Clock = { now: () => now };
  beforeAll(async () => {
    t = await startTestApp({ clock });
    settle = trackHandling(t);
  });
  afterAll(async () => {
    await t.close();
    await t.fake.close();
  });

  it("resumes where the citizen was after a restart, album included", async () => {
    const c = new Citizen(t, settle, 3000, "kk");
    await c.text("/tip");
    await c.press("tipc:topic:society");
    await c.text(TIP_TEXT);
    await c.album(2, "before-restart");

    await t.stopApp();
    const t2 = await t.restart({ clock });
    const settle2 = trackHandling(t2);
    try {
      const again = c.use(t2, settle2);
      await again.album(1, "after-restart");
      await again.press("tipc:media:done");
      expect(again.lastSaid()).toBe(t2.app.translate("kk", "tip-ask-place", { max: 300 }));
      await again.location();
      await again.ownContact("+77015550011");
      await again.press("tipc:consent:name");
      await again.press("tipc:preview:send");
      const tip = (await t2.app.services.tips.list({ limit: 1 }))[0]!;
      expect(tip).toMatchObject({ topic: "society", text: TIP_TEXT, consent: "name", contactPhone: "+77015550011", language: "kk" });
      expect(tip.attachments.map((a) => a.fileId)).toEqual(["before-restart-photo-0", "before-restart-photo-1", "after-restart-photo-0"]);
      expect(desk(t2).filter((m) => m.text?.includes(tip.reference))).toHaveLength(1);
    } finally {
      await t2.stopApp();
      t = await t.restart({ clock });
      settle = trackHandling(t);
    }
  });

  /** Everything up to the preview, then Send while the state of the preview is kept aside. */
  async function sendAndKeepPreviewState(c: Citizen) {
    await c.text("/tip");
    await c.press("tipc:topic:utilities");
    await c.text(TIP_TEXT);
    await c.album(2, `album-${c.id}`);
    await c.press("tipc:media:done");
    await c.location();
    await c.ownContact("+77011234567");
    await c.press("tipc:consent:anonymous");
    const key = `conversation:${c.id}`;
    const atPreview = await t.database.db.session.findUniqueOrThrow({ where: { key } });
    await c.press("tipc:preview:send");
    return { key, atPreview };
  }

  /**
   * The process died after the tip was stored but before the conversation state was saved: the runner
   * had already confirmed the Send update, so after the restart the citizen is back at the preview.
   */
  async function crashBeforeStateWasSaved(saved: { key: string; atPreview: { value: string; updatedAt: Date } }) {
    const { key, atPreview } = saved;
    const data = { value: atPreview.value, updatedAt: atPreview.updatedAt };
    await t.database.db.session.upsert({ where: { key }, create: { key, ...data }, update: data });
    await t.stopApp();
    t = await t.restart({ clock });
    settle = trackHandling(t);
  }

  const tipsOf = (telegramId: number) =>
    t.database.db.tip.findMany({ where: { user: { telegramId: String(telegramId) } } });

  it("stores and posts a tip once when Send is pressed again after a crash", async () => {
    const c = new Citizen(t, settle, 3004, "ru");
    const saved = await sendAndKeepPreviewState(c);
    const [first] = await tipsOf(c.id);
    const deskMessages = desk(t).length;
    expect(c.lastSaid()).toBe(t.app.translate("ru", "tip-sent", { reference: first!.reference }));

    await crashBeforeStateWasSaved(saved);
    const again = c.use(t, settle);
    expect(again.lastSaid()).toBe(t.app.translate("ru", "tip-sent", { reference: first!.reference }));
    await again.press("tipc:preview:send");

    expect(await tipsOf(c.id)).toHaveLength(1);
    // Neither the card nor its album is posted a second time.
    expect(desk(t)).toHaveLength(deskMessages);
    expect(desk(t).filter((m) => m.text?.includes(first!.reference))).toHaveLength(1);
    expect(again.lastSaid()).toBe(t.app.translate("ru", "tip-sent", { reference: first!.reference }));
    expect(await t.database.db.session.count({ where: { key: saved.key } })).toBe(0);
  });

  it("posts the card on the replayed Send when the first Send stored the tip but never posted it", async () => {
    const c = new Citizen(t, settle, 3005, "ru");
    t.fake.failNext({ method: "sendMessage", chatId: EDITOR_CHAT_ID, error: errors.badRequest("chat not found") });
    const saved = await sendAndKeepPreviewState(c);
    const [first] = await tipsOf(c.id);
    expect(first!.cardMessageId).toBeNull();
    expect(desk(t).filter((m) => m.text?.includes(first!.reference))).toHaveLength(0);

    await crashBeforeStateWasSaved(saved);
    const again = c.use(t, settle);
    await again.press("tipc:preview:send");

    const stored = await tipsOf(c.id);
    expect(stored).toHaveLength(1);
    const cards = desk(t).filter((m) => m.text?.includes(first!.reference));
    expect(cards).toHaveLength(1);
    expect(stored[0]!.cardMessageId).toBe(cards[0]!.message_id);
    expect(again.lastSaid()).toBe(t.app.translate("ru", "tip-sent", { reference: first!.reference }));
  });

  it("forgets a conversation abandoned for longer than the TTL", async () => {
    const c = new Citizen(t, settle, 3001, "en");
    await c.text("/tip");
    await c.press("tipc:topic:city");
    now = new Date(now.getTime() + 61 * 60_000);
    await c.text(TIP_TEXT);
    // Not taken as the story: the stale record was dropped, so the free text only gets the general hint.
    expect(c.lastSaid()).toBe(t.app.translate("en", "start-hint"));
    expect(await t.database.db.session.count({ where: { key: "conversation:3001" } })).toBe(0);
    await c.press("tipc:topic:city");
    expect(t.fake.callsTo("answerCallbackQuery").at(-1)?.params.text).toBe(t.app.translate("en", "tip-expired"));
  });

  it("purges abandoned conversations with the scheduler's job", async () => {
    const c = new Citizen(t, settle, 3002, "en");
    await c.text("/tip");
    expect(await t.database.db.session.count({ where: { key: "conversation:3002" } })).toBe(1);
    await t.app.runJob("expire-tip-conversations");
    expect(await t.database.db.session.count({ where: { key: "conversation:3002" } })).toBe(1);
    now = new Date(now.getTime() + 61 * 60_000);
    await t.app.runJob("expire-tip-conversations");
    expect(await t.database.db.session.count({ where: { key: "conversation:3002" } })).toBe(0);
  });

  it("drops state written by an older version of the flow instead of replaying it", async () => {
    const c = new Citizen(t, settle, 3003, "en");
    await c.text("/tip");
    const row = await t.database.db.session.findUniqueOrThrow({ where: { key: "conversation:3003" } });
    const value = JSON.parse(row.value) as { version: [number, number] };
    value.version[1] = 0;
    await t.database.db.session.update({ where: { key: row.key }, data: { value: JSON.stringify(value) } });
    await c.text("/tip");
    expect(c.lastSaid()).toBe(t.app.translate("en", "tip-ask-topic"));
    expect(c.said().filter((s) => s === t.app.translate("en", "tip-ask-topic"))).toHaveLength(2);
  });
});
