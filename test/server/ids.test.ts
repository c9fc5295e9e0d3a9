// The site's own ids are numbers (`?id=102024`), and so are ours: every way in names one namespace only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDITOR_CHAT_ID, startTestApp, type TestApp } from "../support/app.ts";
import type { FakeMessage } from "../support/fake-telegram/index.ts";

const RU = "@ids_news";
const DESK = { id: EDITOR_CHAT_ID, type: "supergroup" as const, title: "Редакция" };

describe("numeric ids", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CHANNELS: `${RU}:ru` } });
    t.fake.addChat(DESK);
  });
  afterAll(() => t.close());

  const editor = () => t.fake.user({ id: 9101, first_name: "Редактор" });
  /** The editor writes in the desk; resolves with the bot's answer. */
  async function say(text: string): Promise<FakeMessage> {
    const mark = t.fake.calls.length;
    editor().sendText(text, { chat: DESK });
    await t.fake.waitForCall((c) => c.method === "sendMessage" && c.params.chat_id === EDITOR_CHAT_ID && t.fake.calls.indexOf(c) >= mark);
    return t.fake.messages(EDITOR_CHAT_ID).at(-1)!;
  }
  const article = (externalId: string, n: number) =>
    ({ externalId, url: `https://ekaraganda.kz/?mod=news_read&id=${n}`, title: `Статья ${n}` });

  it("withdraws the article whose button was pressed, not the one whose externalId is that button's number", async () => {
    // Ours: id 1 is the site's 41234, id 2 is the site's "1". The buttons under 41234 carry our 1.
    const first = await t.api("POST", "/api/articles", article("41234", 41234));
    const second = await t.api("POST", "/api/articles", article(String(first.body.id), 1));
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.externalId).toBe(String(first.body.id));
    await t.app.worker.idle();

    const status = await say("/post 41234");
    expect(status.text).toContain("статус: опубликована"); // the status in words, not the code "published"
    const buttons = (status.reply_markup as { inline_keyboard: Array<Array<{ callback_data?: string }>> }).inline_keyboard.flat();
    const withdraw = buttons.find((b) => b.callback_data?.startsWith("post:withdraw:"))!.callback_data!;
    expect(withdraw).toBe(`post:withdraw:${first.body.id}`);
    const mark = t.fake.calls.length;
    editor().press({ chatId: EDITOR_CHAT_ID, message_id: status.message_id }, withdraw);
    await t.fake.waitForCall((c) => c.method === "answerCallbackQuery" && t.fake.calls.indexOf(c) >= mark);

    expect((await t.api("GET", "/api/articles/41234")).body.status).toBe("withdrawn");
    expect((await t.api("GET", `/api/articles/${first.body.id}`)).body.status).toBe("published");
    // Editors write our ids as the bot shows them; bare digits are the site's.
    expect((await say(`/post №${first.body.id}`)).text).toContain("(41234)");
    expect((await say(`/post #${first.body.id}`)).text).toContain("(41234)");
    expect((await say(`/post ${first.body.id}`)).text).toContain(`(${first.body.id})`);
  });

  it("reads the API's :externalId as the site's id only, trimmed as POST trims it", async () => {
    const created = await t.api("POST", "/api/articles", article("  777  ", 777));
    expect(created.body.externalId).toBe("777");
    // Our id of the article is not its externalId: no article answers to it.
    if (created.body.id !== 777) expect((await t.api("GET", `/api/articles/${created.body.id + 1000}`)).status).toBe(404);
    expect((await t.api("GET", "/api/articles/%20777%20")).body.id).toBe(created.body.id);
    expect((await t.api("DELETE", "/api/articles/%20777%20")).body.status).toBe("withdrawn");
    // The longest externalId POST takes is found again, in any script.
    const long = "д".repeat(200);
    expect((await t.api("POST", "/api/articles", article(long, 778))).status).toBe(201);
    expect((await t.api("GET", `/api/articles/${encodeURIComponent(long)}`)).body.externalId).toBe(long);
    // Nothing a store cannot hold reaches it: a miss, not a 500.
    for (const weird of ["%00", "a%00b", "%EF%BF%BF", "x".repeat(201), "%20"]) {
      expect((await t.api("GET", `/api/articles/${weird}`)).status, weird).toBe(404);
      expect((await t.api("DELETE", `/api/articles/${weird}`)).status, weird).toBe(404);
    }
    // Bytes that are no UTF-8 at all: Fastify refuses the URL itself.
    expect((await t.api("GET", "/api/articles/%ED%A0%80")).status).toBe(400);
  });

  it("closes the poll whose externalId is \"1\", not our poll number 1", async () => {
    const ours = await t.api("POST", "/api/polls", { question: "Наш опрос?", options: ["Да", "Нет"] });
    const site = await t.api("POST", "/api/polls", { externalId: String(ours.body.id), question: "Опрос сайта?", options: ["Да", "Нет"] });
    expect(site.body.id).not.toBe(ours.body.id);

    const closed = await t.api("POST", `/api/polls/${ours.body.id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.externalId).toBe(String(ours.body.id));
    expect(closed.body.question).toBe("Опрос сайта?");
    const untouched = await t.app.services.polls.find(ours.body.id as number);
    expect(untouched!.status).toBe("open");
  });

  it("never reaches a poll the site named by our number", async () => {
    const named = await t.api("POST", "/api/polls", { externalId: "roads", question: "Дороги?", options: ["Да", "Нет"] });
    for (const [method, suffix, body] of [["GET", "", undefined], ["PUT", "/site-votes", { votes: [1, 2] }], ["POST", "/close", undefined]] as const) {
      expect((await t.api(method, `/api/polls/${named.body.id}${suffix}`, body)).status, method + suffix).toBe(404);
    }
    expect((await t.api("GET", "/api/polls/%20roads%20")).body.status).toBe("open");
    // A poll created without an externalId is addressed by the id its 201 returned.
    const plain = await t.api("POST", "/api/polls", { question: "Без имени?", options: ["Да", "Нет"] });
    expect((await t.api("GET", `/api/polls/${plain.body.id}`)).body.question).toBe("Без имени?");
    for (const weird of ["0", "99999999999", "1e3", "%00", "-1"]) {
      expect((await t.api("GET", `/api/polls/${weird}`)).status, weird).toBe(404);
    }
  });

  it("reads a tip's reference and our id apart, and the desk's buttons as our id", async () => {
    const user = await t.app.services.users.touch({ id: 5551, first_name: "Дана" });
    const draft = { topic: "city" as const, text: "Во дворе дома 12 третий день нет воды.", attachments: [], consent: "none" as const };
    const tip = await t.app.services.tips.submit({ userId: user.id, language: "ru", draft });
    await t.app.services.tips.whenDeskIdle();
    expect((await t.api("GET", `/api/tips/${tip.reference}`)).body.id).toBe(tip.id);
    expect((await t.api("GET", `/api/tips/${tip.reference.toLowerCase()}`)).body.id).toBe(tip.id);
    expect((await t.api("GET", `/api/tips/${tip.id}`)).body.reference).toBe(tip.reference);
    // "1001" is our id 1001 (no such tip), never T-1001; a reference inside other text is no reference.
    expect((await t.api("GET", `/api/tips/${tip.reference.slice(2)}`)).status).toBe(404);
    for (const weird of [`x${tip.reference}`, `${tip.reference}%20x`, "99999999999", "%00"]) {
      expect((await t.api("GET", `/api/tips/${weird}`)).status, weird).toBe(404);
    }
  });
});
