// The editors' desk: decisions, the relay in both directions, refusals and the ban.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import type { FakeMessage, FakeUser } from "../support/fake-telegram/index.ts";
import { Citizen, desk, EDITOR_CHAT_ID, sendFullTip, trackHandling, type Settle } from "./driver.ts";

const GROUP = { id: EDITOR_CHAT_ID, type: "supergroup", title: "Newsroom" };

describe("tip desk", () => {
  let t: TestApp;
  let settle: Settle;
  let editor: FakeUser;
  beforeAll(async () => {
    t = await startTestApp();
    settle = trackHandling(t);
    // The editors' chat is a supergroup: the bot's messages there come "from" the bot.
    t.fake.addChat({ id: EDITOR_CHAT_ID, type: "supergroup", title: "Newsroom" });
    editor = t.fake.user({ id: 77, first_name: "Aigerim", last_name: "Editorova" });
  });
  afterAll(() => t.close());

  async function tipFrom(id: number, locale: string) {
    const c = new Citizen(t, settle, id, locale);
    await sendFullTip(c, { photos: 2 });
    const tip = (await t.app.services.tips.list({ limit: 1 }))[0]!;
    const card = desk(t).find((m) => m.message_id === tip.cardMessageId)!;
    return { c, tip, card };
  }
  const press = async (message: FakeMessage, data: string, who = editor) => {
    who.press(message, data);
    await settle();
  };

  it("relays an editor's reply to the card, signed as the newsroom, and threads the answer under the card", async () => {
    const { c, tip, card } = await tipFrom(4000, "kk");
    editor.sendText("Сәлеметсіз бе! Қай үйде су жоқ?", { chat: GROUP, replyTo: card.message_id });
    await settle();
    const relayed = c.lastSaid();
    expect(relayed).toBe(t.app.translate("kk", "tip-relay-to-citizen", { reference: tip.reference, text: "Сәлеметсіз бе! Қай үйде су жоқ?" }));
    expect(relayed).not.toContain("Aigerim");
    expect(desk(t).at(-1)?.text).toBe(t.app.translate("ru", "tip-desk-relayed", { reference: tip.reference }));
    expect((await t.app.services.tips.get(tip.id)).status).toBe("in_progress");

    // The citizen answers without using "reply": it still lands under the card.
    await c.text("Бұқар жырау 14, екінші подъезд");
    const answer = desk(t).at(-1)!;
    expect(answer.reply_to_message_id).toBe(card.message_id);
    expect(answer.text).toContain("Бұқар жырау 14");
    expect(answer.text).not.toContain(String(c.id));
    expect(c.lastSaid()).toBe(t.app.translate("kk", "tip-relay-delivered", { reference: tip.reference }));

    // The editor answers the relayed message; a photo is copied with the newsroom's caption.
    editor.sendPhoto({ chat: GROUP, replyTo: answer.message_id, caption: "Мына жер ме?" });
    await settle();
    const copy = t.fake.callsTo("copyMessage").at(-1)!;
    expect(copy.params).toMatchObject({ chat_id: String(c.id), from_chat_id: EDITOR_CHAT_ID });
    expect(String(copy.params.caption)).toContain("Мына жер ме?");
  });

  it("uses the Reply button's prompt to answer", async () => {
    const { c, tip, card } = await tipFrom(4001, "en");
    await press(card, `tip:rep:${tip.id}`);
    const prompt = desk(t).at(-1)!;
    expect(prompt.text).toContain(tip.reference);
    editor.sendText("Thank you, we are on it.", { chat: GROUP, replyTo: prompt.message_id });
    await settle();
    expect(c.lastSaid()).toBe(t.app.translate("en", "tip-relay-to-citizen", { reference: tip.reference, text: "Thank you, we are on it." }));
  });

  it("relays nothing when an editor replies to a bot message that merely mentions a tip's reference", async () => {
    const { c, tip, card } = await tipFrom(4007, "ru");
    // An article whose title happens to hold the reference, looked up by an editor with /post.
    await t.api("POST", "/api/articles", { externalId: "parade-4007", url: "https://ekaraganda.kz/parade", title: `Парад: танк ${tip.reference} прошёл по проспекту` });
    editor.sendText("/post parade-4007", { chat: GROUP });
    await settle();
    const postAnswer = desk(t).at(-1)!;
    expect(postAnswer.text).toContain(tip.reference);
    const said = c.said().length;
    editor.sendText("Между нами: источник ненадёжный, не звонить.", { chat: GROUP, replyTo: postAnswer.message_id });
    await settle();
    expect(c.said()).toHaveLength(said);

    // Nor to the desk's own "sent to T-…" confirmation: only the card, relays and Reply prompts count.
    editor.sendText("Первый ответ", { chat: GROUP, replyTo: card.message_id });
    await settle();
    const confirmation = desk(t).at(-1)!;
    expect(confirmation.text).toBe(t.app.translate("ru", "tip-desk-relayed", { reference: tip.reference }));
    editor.sendText("Внутреннее: проверить через полицию", { chat: GROUP, replyTo: confirmation.message_id });
    await settle();
    expect(c.said()).toHaveLength(said + 1);
    expect(c.lastSaid()).toContain("Первый ответ");
    expect(t.logText()).not.toContain("проверить через полицию");
  });

  it("keeps every Reply prompt of a tip working, and the thread in /api/tips free of them", async () => {
    const { c, tip, card } = await tipFrom(4008, "en");
    await press(card, `tip:rep:${tip.id}`);
    const first = desk(t).at(-1)!;
    await press(card, `tip:rep:${tip.id}`);
    editor.sendText("Answer to the older prompt", { chat: GROUP, replyTo: first.message_id });
    await settle();
    expect(c.lastSaid()).toBe(t.app.translate("en", "tip-relay-to-citizen", { reference: tip.reference, text: "Answer to the older prompt" }));
    const { body } = await t.api("GET", `/api/tips/${tip.reference}`);
    expect(body.messages.map((m: { direction: string }) => m.direction)).toEqual(["to_citizen"]);
  });

  it("accepts a tip: draft article linked to it, nothing posted, citizen told in their language", async () => {
    const { c, tip, card } = await tipFrom(4002, "en");
    await press(card, `tip:acc:${tip.id}`);
    expect(c.lastSaid()).toBe(t.app.translate("en", "tip-notify-accepted", { reference: tip.reference }));
    const article = await t.database.db.article.findUniqueOrThrow({ where: { tipId: tip.id }, include: { deliveries: true } });
    expect(article).toMatchObject({ status: "draft", source: "tip", externalId: `tip:${tip.reference}` });
    expect(article.deliveries).toHaveLength(0);
    expect(desk(t).find((m) => m.message_id === card.message_id)?.text).toContain(t.app.translate("ru", "tip-status-accepted"));
    // Pressing again changes nothing and tells nobody twice.
    const said = c.said().length;
    await press(card, `tip:acc:${tip.id}`);
    expect(c.said()).toHaveLength(said);
    expect(await t.database.db.article.count({ where: { tipId: tip.id } })).toBe(1);
    await press(card, `tip:pub:${tip.id}`);
    expect(c.lastSaid()).toBe(t.app.translate("en", "tip-notify-published", { reference: tip.reference }));
  });

  it("rejects a tip and tells the citizen in Russian", async () => {
    const { c, tip, card } = await tipFrom(4003, "ru");
    await press(card, `tip:rej:${tip.id}`);
    expect(c.lastSaid()).toBe(t.app.translate("ru", "tip-notify-rejected", { reference: tip.reference }));
    expect((await t.app.services.tips.get(tip.id)).status).toBe("rejected");
  });

  it("refuses desk buttons pressed by someone who is not an editor", async () => {
    const { c, tip } = await tipFrom(4004, "en");
    // A crafted press from the citizen's own chat: the data names a desk action.
    const own = t.fake.messages(c.id).at(-1)!;
    await press(own, `tip:acc:${tip.id}`, c.user);
    const answer = t.fake.callsTo("answerCallbackQuery").at(-1)!;
    expect(answer.params).toMatchObject({ text: t.app.translate("en", "tip-desk-not-editor"), show_alert: true });
    expect((await t.app.services.tips.get(tip.id)).status).toBe("new");
  });

  it("spam-bans after a confirmation: the sender gets one clear answer and nothing reaches the desk", async () => {
    const { c, tip, card } = await tipFrom(4005, "kk");
    await press(card, `tip:ban:${tip.id}`);
    expect((await t.app.services.tips.get(tip.id)).status).toBe("new");
    await press(desk(t).find((m) => m.message_id === card.message_id)!, `tip:banok:${tip.id}`);
    expect((await t.app.services.tips.get(tip.id)).status).toBe("spam");
    const deskBefore = desk(t).length;
    await c.text("/tip");
    expect(c.lastSaid()).toBe(t.app.translate("kk", "tip-banned"));
    await c.text("/start tip");
    expect(c.lastSaid()).toBe(t.app.translate("kk", "tip-banned"));
    expect(desk(t)).toHaveLength(deskBefore);
    expect(await t.database.db.tip.count({ where: { userId: tip.userId } })).toBe(1);
  });

  it("stops a tip of a user banned in the middle of the conversation", async () => {
    const c = new Citizen(t, settle, 4006, "en");
    await c.text("/tip");
    const user = await t.app.services.users.find(c.id);
    await t.app.services.users.ban(user!.id);
    const deskBefore = desk(t).length;
    await c.press("tipc:topic:city");
    await c.text("Something happened on the main square today");
    await c.press("tipc:media:skip");
    await c.text(t.app.translate("en", "tip-button-skip"));
    await c.text(t.app.translate("en", "tip-button-anonymous"));
    await c.press("tipc:consent:none");
    await c.press("tipc:preview:send");
    expect(c.lastSaid()).toBe(t.app.translate("en", "tip-banned"));
    expect(desk(t)).toHaveLength(deskBefore);
  });
});
