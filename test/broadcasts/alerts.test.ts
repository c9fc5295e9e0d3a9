// A breaking article reaches exactly the readers who want it, once, and leaves when it is withdrawn.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { seedReaders, settleBroadcast } from "../support/readers.ts";

describe("breaking alerts", () => {
  let t: TestApp;
  let ids: number[];
  // 0: ru all sections · 1: ru Спорт only · 2: ru Политика only · 3: ru alerts off · 4: kk all · 5: ru unsubscribed
  const profiles = [
    { language: "ru" }, { language: "ru", sections: ["Спорт"] }, { language: "ru", sections: ["Политика"] },
    { language: "ru", breaking: false }, { language: "kk" }, { language: "ru", active: false },
  ];
  beforeAll(async () => {
    t = await startTestApp();
    ids = await seedReaders(t.database.db, 600_000, 60, (i) => profiles[i % profiles.length]!);
  });
  afterAll(() => t.close());

  const readersOf = (...kinds: number[]) => ids.filter((_, i) => kinds.includes(i % profiles.length));
  const alertedBy = (url: string) => ids.filter((id) => t.fake.messages(id).some((m) => JSON.stringify(m.reply_markup ?? "").includes(url)));

  async function alertOf(externalId: string) {
    const article = await t.database.db.article.findUniqueOrThrow({ where: { externalId } });
    return t.database.db.broadcast.findFirstOrThrow({ where: { articleId: article.id, kind: "alert" } });
  }

  it("goes to every reader of its language who wants alerts and follows its section, and to no one else", async () => {
    const url = "https://ekaraganda.kz/news/sport-1";
    const res = await t.api("POST", "/api/articles", { externalId: "b-1", url, title: "Шахтёр <вышел> в финал & победил", section: "Спорт", breaking: true, language: "ru" });
    expect(res.status).toBe(201);
    const progress = await settleBroadcast(t.app, (await alertOf("b-1")).id);
    expect(alertedBy(url).sort()).toEqual(readersOf(0, 1).sort());
    expect(progress).toMatchObject({ status: "done", sent: readersOf(0, 1).length, total: readersOf(0, 1).length });
    const message = t.fake.messages(readersOf(1)[0]!)[0]!;
    expect(message.text).toContain("Шахтёр <вышел> в финал & победил");
    expect(message.entitiesOrHtml).toContain("&lt;вышел&gt;");
    const button = (message.reply_markup as { inline_keyboard: Array<Array<{ url: string }>> }).inline_keyboard[0]![0]!;
    expect(button.url).toBe(`${url}?utm_source=telegram&utm_medium=alert`);
  });

  it("is sent once per reader even when the article is edited, re-sent or marked breaking again", async () => {
    const url = "https://ekaraganda.kz/news/sport-1";
    const before = alertedBy(url).length;
    const calls = t.fake.callsTo("sendMessage").length;
    await t.api("POST", "/api/articles", { externalId: "b-1", url, title: "Шахтёр в финале", section: "Спорт", breaking: true, language: "ru" });
    await t.api("POST", "/api/articles", { externalId: "b-1", url, title: "Шахтёр в финале", section: "Спорт", breaking: true, language: "ru" });
    await t.app.broadcaster.idle();
    expect(await t.database.db.broadcast.count({ where: { kind: "alert" } })).toBe(1);
    expect(t.fake.callsTo("sendMessage").length).toBe(calls);
    for (const id of alertedBy(url)) expect(t.fake.messages(id)).toHaveLength(1);
    expect(alertedBy(url)).toHaveLength(before);
  });

  it("reaches every reader of the language when the article has no section, and nobody for a non-breaking one", async () => {
    await t.api("POST", "/api/articles", { externalId: "plain", url: "https://ekaraganda.kz/news/plain", title: "Обычная новость", language: "ru" });
    await t.api("POST", "/api/articles", { externalId: "b-2", url: "https://ekaraganda.kz/news/any", title: "Срочно без раздела", breaking: true, language: "ru" });
    await settleBroadcast(t.app, (await alertOf("b-2")).id);
    expect(alertedBy("https://ekaraganda.kz/news/any").sort()).toEqual(readersOf(0, 1, 2).sort());
    expect(alertedBy("https://ekaraganda.kz/news/plain")).toEqual([]);
  });

  it("is deleted from readers' chats when the article is withdrawn", async () => {
    const url = "https://ekaraganda.kz/news/sport-1";
    const reached = alertedBy(url);
    expect(reached.length).toBeGreaterThan(0);
    expect((await t.api("DELETE", "/api/articles/b-1")).status).toBe(200);
    const alert = await alertOf("b-1");
    for (let i = 0; i < 50 && (await t.database.db.broadcast.findUniqueOrThrow({ where: { id: alert.id } })).deleteSent; i++) {
      t.app.broadcaster.wake();
      await t.app.broadcaster.idle();
    }
    for (const id of reached) expect(t.fake.messages(id).filter((m) => JSON.stringify(m.reply_markup ?? "").includes(url))).toEqual([]);
    expect(t.fake.callsTo("deleteMessage").filter((c) => c.response.ok)).toHaveLength(reached.length);
    const counts = await t.database.db.broadcastRecipient.groupBy({ by: ["state"], where: { broadcastId: alert.id }, _count: { _all: true } });
    expect(counts).toEqual([{ state: "deleted", _count: { _all: reached.length } }]);
  });

  it("is not sent at all when the article is withdrawn before its alert starts", async () => {
    const publishAt = new Date(Date.now() + 3_600_000).toISOString();
    await t.api("POST", "/api/articles", { externalId: "b-later", url: "https://ekaraganda.kz/news/later", title: "Позже", breaking: true, language: "ru", publishAt });
    await t.api("DELETE", "/api/articles/b-later");
    const alert = await alertOf("b-later");
    expect(alert.status).toBe("cancelled");
    expect(alertedBy("https://ekaraganda.kz/news/later")).toEqual([]);
  });
});
