// A citizen cannot grow a tip conversation without bound: every update a conversation keeps is stored and
// replayed on each new one. Junk that answers nothing is dropped unseen; a question answers a few
// unusable messages and then ends the conversation politely; a conversation ends at its maximum age,
// counted from its start, however busy it is; and it takes a bounded number of updates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import type { Clock } from "../../src/clock.ts";
import { MAX_HINTS_PER_QUESTION, MAX_UPDATES } from "../../src/bot/conversations/tip-prompt.ts";
import { Citizen, trackHandling, TIP_TEXT, type Settle } from "./driver.ts";

// Citizens from 8100 on are in ADMIN_IDS: the per-user rate limit (30 updates in 10 s) would otherwise
// stop a long run of updates before the conversation's own limits are reached.
const UNLIMITED = Array.from({ length: 10 }, (_, i) => String(8100 + i));

describe("tip conversation bounds", () => {
  let t: TestApp;
  let settle: Settle;
  let now = new Date("2025-03-01T10:00:00Z");
  const clock: Clock = { now: () => now };
  beforeAll(async () => {
    t = await startTestApp({ clock, env: { ADMIN_IDS: UNLIMITED.join(",") } });
    settle = trackHandling(t);
  });
  afterAll(() => t.close());

  const state = async (c: Citizen) =>
    (await t.database.db.session.findUnique({ where: { key: `conversation:${c.id}` } }))?.value ?? null;

  it(`answers ${MAX_HINTS_PER_QUESTION} unusable messages to a question, then ends the conversation politely`, async () => {
    const c = new Citizen(t, settle, 8000, "kk");
    await c.text("/tip");
    for (let i = 0; i < MAX_HINTS_PER_QUESTION; i++) await c.text(`qwerty ${i}`);
    expect(c.said().filter((s) => s === t.app.translate("kk", "tip-hint-use-buttons"))).toHaveLength(MAX_HINTS_PER_QUESTION);
    expect(await state(c)).not.toBeNull();
    await c.text("qwerty again");
    expect(c.lastSaid()).toBe(t.app.translate("kk", "tip-ended-hints"));
    expect(t.fake.messages(c.id).at(-1)!.reply_markup).toEqual({ remove_keyboard: true });
    expect(await state(c)).toBeNull();
    // Outside a tip now: the general hint, and /tip starts afresh.
    await c.text("qwerty");
    expect(c.lastSaid()).toBe(t.app.translate("kk", "start-hint"));
    await c.text("/tip");
    expect(c.lastSaid()).toBe(t.app.translate("kk", "tip-ask-topic"));
  });

  it("counts the hints per question: a usable answer in between starts the count again", async () => {
    const c = new Citizen(t, settle, 8001, "en");
    await c.text("/tip");
    for (let i = 0; i < MAX_HINTS_PER_QUESTION; i++) await c.text("?");
    await c.press("tipc:topic:roads");
    for (let i = 0; i < MAX_HINTS_PER_QUESTION; i++) await c.text("short");
    await c.text(TIP_TEXT);
    expect(c.lastSaid()).toBe(t.app.translate("en", "tip-ask-media", { max: 10 }));
  });

  it("drops junk that answers nothing without storing it: edits, and album items past the limit", async () => {
    const c = new Citizen(t, settle, 8100, "ru");
    await c.text("/tip");
    await c.press("tipc:topic:city");
    await c.text(TIP_TEXT);
    await c.album(10, "full");
    // One more album: its first item is refused with a hint, the rest of it pass unseen.
    c.user.sendPhoto({ mediaGroupId: "extra", fileId: "extra-0" });
    await settle();
    const stored = await state(c);
    for (let i = 1; i < 100; i++) c.user.sendPhoto({ mediaGroupId: "extra", fileId: `extra-${i}` });
    for (let i = 0; i < 100; i++) {
      t.fake.pushUpdate({ edited_message: { message_id: 1, date: 0, edit_date: 1, chat: { id: c.id, type: "private", first_name: "x" }, from: c.user.info, text: `edit ${i}` } } as never);
    }
    await settle();
    expect(await state(c)).toBe(stored);
    expect(c.said().filter((s) => s === t.app.translate("ru", "tip-hint-media-limit", { max: 10 }))).toHaveLength(1);
    await c.press("tipc:media:done");
    expect(c.lastSaid()).toBe(t.app.translate("ru", "tip-ask-place", { max: 300 }));
  }, 60_000);

  it("ends a conversation at its maximum age from its start, even one that never went idle", async () => {
    const c = new Citizen(t, settle, 8002, "ru");
    const started = now;
    await c.text("/tip");
    await c.press("tipc:topic:city");
    // Every 20 minutes a message: never idle for the TTL (60 minutes), yet older than it in the end.
    for (const minutes of [20, 40]) {
      now = new Date(started.getTime() + minutes * 60_000);
      await c.text("short");
      expect(c.lastSaid()).toBe(t.app.translate("ru", "tip-hint-text-short", { min: 15 }));
    }
    now = new Date(started.getTime() + 61 * 60_000);
    await c.text(TIP_TEXT);
    expect(c.lastSaid()).toBe(t.app.translate("ru", "tip-ended-expired"));
    expect(await state(c)).toBeNull();
    expect(await t.database.db.tip.count({ where: { user: { telegramId: String(c.id) } } })).toBe(0);
  });

  it(`takes at most ${MAX_UPDATES} updates, however they are spent`, async () => {
    const c = new Citizen(t, settle, 8101, "en");
    await c.text("/tip");
    await c.press("tipc:topic:city");
    await c.text(TIP_TEXT);
    await c.press("tipc:media:skip");
    await c.text(t.app.translate("en", "tip-button-skip"));
    await c.text(t.app.translate("en", "tip-button-anonymous"));
    await c.press("tipc:consent:none");
    // Edit → topic → another topic, again and again: every update a usable answer, three per round.
    const ended = () => c.lastSaid() === t.app.translate("en", "tip-ended-hints");
    const round = ["tipc:preview:edit", "tipc:edit:topic", "tipc:topic:roads"];
    let answers = 6; // the answers above, after the /tip that opened the conversation
    while (!ended()) {
      expect(answers).toBeLessThanOrEqual(MAX_UPDATES);
      await c.press(round[(answers - 6) % 3]!);
      answers++;
    }
    expect(answers).toBe(MAX_UPDATES + 1);
    expect(await state(c)).toBeNull();
  }, 120_000);
});
