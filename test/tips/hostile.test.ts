// A tip and its relay, tried with what breaks text: half a character, NUL and other controls, and
// messages as long as Telegram allows made of emoji. The fake Telegram refuses broken strings as
// Telegram does ("strings must be encoded in UTF-8"), so what it accepts, Telegram accepts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import type { FakeUser } from "../support/fake-telegram/index.ts";
import { isWellFormed } from "../../src/text/clean.ts";
import { Citizen, desk, EDITOR_CHAT_ID, sendFullTip, trackHandling, type Settle } from "./driver.ts";

const GROUP = { id: EDITOR_CHAT_ID, type: "supergroup", title: "Newsroom" };
/** 2,048 emoji: 4,096 UTF-16 units, the most one Telegram message holds; with a signature it must be cut. */
const EMOJI_WALL = "😀".repeat(2048);

describe("tips under hostile text", () => {
  let t: TestApp;
  let settle: Settle;
  let editor: FakeUser;
  beforeAll(async () => {
    t = await startTestApp();
    settle = trackHandling(t);
    t.fake.addChat({ id: EDITOR_CHAT_ID, type: "supergroup", title: "Newsroom" });
    editor = t.fake.user({ id: 78, first_name: "Editor" });
  });
  afterAll(() => t.close());

  const refusals = () => t.fake.calls.filter((c) => !c.response.ok && /UTF-8/.test(String(c.response.description)));

  it("cleans half characters and control characters out of a tip before it is stored or shown (cleaned, not refused)", async () => {
    const c = new Citizen(t, settle, 6001);
    await c.text("/tip");
    await c.press("tipc:topic:roads");
    await c.text("\ud800Яма\u0000 на дороге\u0007 у школы №5,\u001b глубокая\udfff");
    await c.album(1, "hostile");
    await c.press("tipc:media:done");
    await c.text("угол\u0000 Ерубаева\ud83d");
    await c.text(t.app.translate("ru", "tip-button-anonymous"));
    await c.press("tipc:consent:none");
    await c.press("tipc:preview:send");

    const tip = (await t.app.services.tips.list({ limit: 1 }))[0]!;
    expect(tip.text).toBe("\ufffdЯма на дороге у школы №5, глубокая\ufffd");
    expect(tip.placeText).toBe("угол Ерубаева\ufffd");
    expect(tip.cardMessageId).not.toBeNull();
    expect(desk(t).find((m) => m.message_id === tip.cardMessageId)!.text).toContain("Яма на дороге у школы №5, глубокая");
    expect(refusals()).toEqual([]);
  });

  it("cuts a relay that Telegram's limit cannot hold between graphemes, both ways", async () => {
    const c = new Citizen(t, settle, 6002);
    await sendFullTip(c, { photos: 0 });
    const tip = (await t.app.services.tips.list({ limit: 1 }))[0]!;
    const card = desk(t).find((m) => m.message_id === tip.cardMessageId)!;

    // The signature before the editor's 4,096 units pushes the message over: a whole emoji goes, not half.
    editor.sendText(EMOJI_WALL, { chat: GROUP, replyTo: card.message_id });
    await settle();
    const relayed = c.lastSaid();
    expect(relayed.length).toBeLessThanOrEqual(4096);
    expect(relayed.endsWith("😀…")).toBe(true);
    expect(isWellFormed(relayed)).toBe(true);

    // The citizen's 4,096 units under the desk's heading, and an odd start so no even cut lands right.
    await c.text(`a${EMOJI_WALL.slice(2)}`);
    const answer = desk(t).at(-1)!;
    expect(answer.reply_to_message_id).toBe(card.message_id);
    expect(answer.text!.length).toBeLessThanOrEqual(4096);
    expect(answer.text!.endsWith("😀…")).toBe(true);
    expect(refusals()).toEqual([]);
  });

  it("titles the draft of an accepted emoji-only tip within 120 units, on a grapheme boundary", async () => {
    const c = new Citizen(t, settle, 6003);
    await sendFullTip(c, { photos: 0, text: `x${"👨‍👩‍👧".repeat(40)}` });
    const tip = (await t.app.services.tips.list({ limit: 1 }))[0]!;
    editor.press(desk(t).find((m) => m.message_id === tip.cardMessageId)!, `tip:acc:${tip.id}`);
    await settle();
    const draft = await t.database.db.article.findUniqueOrThrow({ where: { tipId: tip.id } });
    expect(draft.title.length).toBeLessThanOrEqual(120);
    expect(draft.title).toMatch(/^x(👨‍👩‍👧)+…$/u);
  });
});
