import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDITOR_CHAT_ID, startTestApp, type TestApp } from "../support/app.ts";

describe("editor commands", () => {
  let t: TestApp;
  const editor = () => t.fake.user({ id: 9001, first_name: "Редактор" });
  const inDesk = { chat: { id: EDITOR_CHAT_ID, type: "supergroup", title: "Редакция" } };
  beforeAll(async () => {
    t = await startTestApp({ env: { CHANNELS: "@Karaganda_News:ru" } });
    t.fake.addChat({ id: EDITOR_CHAT_ID, type: "supergroup", title: "Редакция" });
  });
  afterAll(() => t.close());

  it("treats @usernames case-insensitively, so a channel is never stored twice", async () => {
    editor().sendText("/channels add @karaganda_news kk", inDesk);
    const reply = await t.fake.waitForCall((c) => c.method === "sendMessage" && c.params.chat_id === EDITOR_CHAT_ID);
    expect(String(reply.params.text)).toContain("@karaganda_news");
    const channels = await t.database.db.channel.findMany();
    expect(channels).toEqual([expect.objectContaining({ chatId: "@karaganda_news", language: "kk" })]);
  });

  it("names a bad channel in the editors' language", async () => {
    const mark = t.fake.calls.length;
    editor().sendText("/channels add karaganda ru", inDesk);
    const reply = await t.fake.waitForCall((c) => c.method === "sendMessage" && c.params.chat_id === EDITOR_CHAT_ID && t.fake.calls.indexOf(c) >= mark);
    expect(String(reply.params.text)).toContain("«karaganda» — не id чата и не @имя канала.");
  });

  it("shows where an article is and will not publish a tip's draft", async () => {
    await t.database.db.article.create({ data: { externalId: "tip:T-1", url: "https://ekaraganda.kz/", title: "Черновик", language: "ru", status: "draft", source: "tip", contentHash: "x" } });
    const mark = t.fake.calls.length;
    editor().sendText("/post tip:T-1", inDesk);
    const reply = await t.fake.waitForCall((c) => c.method === "sendMessage" && c.params.chat_id === EDITOR_CHAT_ID && t.fake.calls.indexOf(c) >= mark);
    expect(String(reply.params.text)).toContain("черновик");
    expect(reply.params.reply_markup).toBeUndefined();
    await expect(t.app.services.articles.republish("tip:T-1")).rejects.toThrow(/draft/);
  });

  it("tells a citizen that editor commands are not theirs, and never stays silent", async () => {
    const citizen = t.fake.user({ id: 4242, language_code: "ru" });
    citizen.sendText("/post 1");
    const refused = await t.fake.waitForCall((c) => c.method === "sendMessage" && c.params.chat_id === 4242);
    expect(String(refused.params.text)).toBe("Эта команда доступна только редакции.");
    citizen.sendText("Здравствуйте");
    const hint = await t.fake.waitForCall((c) => c.method === "sendMessage" && c.params.chat_id === 4242 && c !== refused);
    expect(String(hint.params.text)).toContain("/tip");
    expect(JSON.stringify(hint.params.reply_markup)).toContain("menu:tip");
  });
});
