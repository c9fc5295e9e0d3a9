import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { Citizen, desk, EDITOR_CHAT_ID, sendFullTip, trackHandling, type Settle } from "./driver.ts";

describe("tip conversation", () => {
  let t: TestApp;
  let settle: Settle;
  beforeAll(async () => {
    t = await startTestApp();
    settle = trackHandling(t);
  });
  afterAll(() => t.close());

  for (const [i, locale] of (["ru", "kk", "en"] as const).entries()) {
    it(`delivers a whole tip in ${locale} as one card and one album in the editors' group`, async () => {
      const c = new Citizen(t, settle, 1000 + i, locale);
      const before = desk(t).length;
      await sendFullTip(c, { photos: 3, phone: "+77011234567" });

      const tip = (await t.app.services.tips.list({ limit: 1 }))[0]!;
      expect(tip.language).toBe(locale);
      expect(tip.attachments.map((a) => a.kind)).toEqual(["photo", "photo", "photo"]);
      expect(c.lastSaid()).toBe(t.app.translate(locale, "tip-sent", { reference: tip.reference }));
      // The album was acknowledged once, not once per photo.
      const ack = t.app.translate(locale, "tip-media-received", { max: 10 });
      expect(c.said().filter((s) => s === ack)).toHaveLength(1);

      const posted = desk(t).slice(before);
      const card = posted[0]!;
      expect(card.text).toContain(tip.reference);
      expect(card.text).toContain("+77011234567");
      expect(card.text).toContain("Бухар-Жырау <b>&</b>"); // shown as typed: escaped, not markup
      expect(card.entitiesOrHtml).toContain("&lt;b&gt;&amp;&lt;/b&gt;");
      expect(card.text).toContain("49.80000, 73.10000");
      const album = posted.slice(1);
      expect(album).toHaveLength(3);
      expect(new Set(album.map((m) => m.media_group_id)).size).toBe(1);
      expect(album.map((m) => m.reply_to_message_id)).toEqual([card.message_id, card.message_id, card.message_id]);
      expect(album.map((m) => m.photo)).toEqual([0, 1, 2].map((n) => `album-${c.id}-photo-${n}`));
      const buttons = (card.reply_markup as { inline_keyboard: Array<Array<{ callback_data: string }>> }).inline_keyboard.flat();
      expect(buttons.map((b) => b.callback_data)).toEqual([`tip:acc:${tip.id}`, `tip:rej:${tip.id}`, `tip:rep:${tip.id}`, `tip:ban:${tip.id}`]);
      // The citizen's conversation is over: nothing is left in the store.
      expect(await t.database.db.session.count({ where: { key: `conversation:${c.id}` } })).toBe(0);
    });
  }

  it("starts from the /start menu button and from the t.me/<bot>?start=tip deep link", async () => {
    const a = new Citizen(t, settle, 1100, "en");
    await a.text("/start");
    await a.press("menu:tip");
    expect(a.lastSaid()).toBe(t.app.translate("en", "tip-ask-topic"));
    const b = new Citizen(t, settle, 1101, "kk");
    await b.text("/start tip");
    expect(b.lastSaid()).toBe(t.app.translate("kk", "tip-ask-topic"));
  });

  it("takes a voice message as the story, skips media, place and contact, and lets the citizen edit before sending", async () => {
    const c = new Citizen(t, settle, 1102, "en");
    await c.text("/tip");
    await c.press("tipc:topic:roads");
    c.user.sendVoice({ fileId: "voice-1" });
    await settle();
    await c.press("tipc:media:skip");
    await c.text(t.app.translate("en", "tip-button-skip"));
    await c.text(t.app.translate("en", "tip-button-anonymous"));
    await c.press("tipc:consent:none");
    await c.press("tipc:preview:edit");
    await c.press("tipc:edit:place");
    await c.text("Gogol street 5, near the school");
    expect(c.said().at(-1)).toContain("Gogol street 5");
    await c.press("tipc:preview:send");
    const tip = (await t.app.services.tips.list({ limit: 1 }))[0]!;
    expect(tip).toMatchObject({ voiceFileId: "voice-1", placeText: "Gogol street 5, near the school", contactPhone: null, consent: "none", topic: "roads" });
    await t.fake.waitForCall((call) => call.method === "sendVoice" && call.params.chat_id === String(EDITOR_CHAT_ID));
    expect(desk(t).at(-2)?.text).not.toContain(t.app.translate("ru", "tip-card-contact"));
  });

  it("mixes photos and videos in one album and sends documents apart", async () => {
    const c = new Citizen(t, settle, 1103, "ru");
    await c.text("/tip");
    await c.press("tipc:topic:city");
    await c.text("Во дворе упало дерево на машины, есть видео");
    c.user.sendPhoto({ mediaGroupId: "mix", fileId: "p1" });
    c.user.sendVideo({ mediaGroupId: "mix", fileId: "v1" });
    c.user.sendDocument({ fileId: "d1" });
    c.user.sendDocument({ fileId: "d2" });
    await settle();
    await c.press("tipc:media:done");
    await c.text(t.app.translate("ru", "tip-button-skip"));
    await c.text(t.app.translate("ru", "tip-button-anonymous"));
    await c.press("tipc:consent:name");
    const before = t.fake.callsTo("sendMediaGroup").length;
    await c.press("tipc:preview:send");
    const groups = t.fake.callsTo("sendMediaGroup").slice(before).map((call) => (call.params.media as Array<{ type: string }>).map((m) => m.type));
    expect(groups).toEqual([["photo", "video"], ["document", "document"]]);
    expect(desk(t).filter((m) => m.text?.includes("Во дворе упало дерево")).at(-1)?.text).toContain("Citizen1103");
  });
});
