// The HTTP API tried as an attacker and a careless CMS would: every field with what breaks stores and
// Telegram. Each answer is a 400 naming the field or a 2xx with the text cleaned — never a 500 — and
// nothing broken reaches Telegram (the fake refuses broken strings as Telegram does).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDITOR_CHAT_ID, startTestApp, type TestApp } from "../support/app.ts";
import { errors } from "../support/fake-telegram/index.ts";

const RU = "@hostile_news";
const YEARS = "must be between the years 1000 and 9999";

describe("hostile input to the HTTP API", () => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await startTestApp({ env: { CHANNELS: `${RU}:ru` } });
  });
  afterAll(() => t.close());

  const article = (extra: Record<string, unknown> = {}) =>
    ({ externalId: `h-${++n}`, url: `https://ekaraganda.kz/news/${n}`, title: "Заголовок", ...extra });
  const poll = (extra: Record<string, unknown> = {}) => ({ question: "Вопрос?", options: ["Да", "Нет"], ...extra });
  /** Calls Telegram would refuse for broken text ("strings must be encoded in UTF-8"). */
  const refusedByTelegram = () => t.fake.calls.filter((c) => !c.response.ok && /UTF-8/.test(String(c.response.description)));

  it("cleans text fields: half characters become U+FFFD, control characters go, and the post goes out", async () => {
    const res = await t.api("POST", "/api/articles", article({
      title: "\ud800Взрыв\u0000 на\u0007 шахте\udfff", lead: "Лид\u001b с\u0085 управляющими\r\nсимволами",
      section: "Город\u0000", tags: ["Дороги\ufeff", "\ud83d"], author: "Автор\u0008",
    }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: "\ufffdВзрыв на шахте\ufffd", lead: "Лид с управляющими\nсимволами", section: "Город", tags: ["Дороги", "\ufffd"], author: "Автор",
    });
    // An entity for half a character in a CMS title is decoded to U+FFFD when the post is rendered.
    const entity = await t.api("POST", "/api/articles", article({ title: "Ремонт &#xD800; дорог &#0;" }));
    expect(entity.status).toBe(201);
    await t.app.worker.idle();
    const posts = t.fake.messages(RU).map((m) => m.text ?? "");
    expect(posts.some((text) => text.startsWith("\ufffdВзрыв на шахте\ufffd"))).toBe(true);
    expect(posts.some((text) => text.startsWith("Ремонт \ufffd дорог \ufffd"))).toBe(true);
    expect((await t.api("GET", `/api/articles/${entity.body.externalId}`)).body.deliveries[0].state).toBe("sent");
    expect(refusedByTelegram()).toEqual([]);
  });

  it("refuses identifiers, dates and URLs it cannot keep, naming each field", async () => {
    const cases: Array<[Record<string, unknown>, string, string | RegExp]> = [
      [{ externalId: "a\u0000b" }, "externalId", "must not contain control characters or broken Unicode"],
      [{ externalId: "\ud800" }, "externalId", "must not contain control characters or broken Unicode"],
      [{ externalId: "line\nbreak" }, "externalId", "must not contain control characters or broken Unicode"],
      [{ publishedAt: "+275760-09-13T00:00:00Z" }, "publishedAt", YEARS],
      [{ publishedAt: 8.64e15 }, "publishedAt", YEARS],
      [{ publishedAt: "10000-01-01T00:00:00Z" }, "publishedAt", YEARS],
      [{ publishedAt: "0999-12-31T00:00:00Z" }, "publishedAt", YEARS],
      [{ publishAt: 1e308 }, "publishAt", YEARS],
      [{ publishAt: "10000-01-01" }, "publishAt", YEARS],
      [{ publishAt: "2026-02-30T10:00:00" }, "publishAt", /ISO 8601/],
      [{ publishAt: "Dec 3 2026" }, "publishAt", /ISO 8601/],
      [{ url: "https://ekaraganda.kz/\u0000" + "x".repeat(3000) }, "url", /2048/],
      [{ tags: ["\u0000"] }, "tags.0", "must not be empty"],
      [{ title: "\u0000\u0007" }, "title", "is required"],
    ];
    for (const [fields, field, reason] of cases) {
      const res = await t.api("POST", "/api/articles", article(fields));
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(Object.keys(res.body.fields), JSON.stringify(fields)).toEqual([field]);
      expect(res.body.fields[field], JSON.stringify(fields)).toMatch(reason);
    }
  });

  it("refuses absurd site votes and dates in polls, and cleans their texts", async () => {
    const cases: Array<[Record<string, unknown>, string, string | RegExp]> = [
      [{ siteVotes: [1e308, 0] }, "siteVotes.0", /whole numbers from 0 to 1000000000/],
      [{ siteVotes: [0, 2 ** 53] }, "siteVotes.1", /whole numbers/],
      [{ siteVotes: [-1, 0] }, "siteVotes.0", /whole numbers/],
      [{ closesAt: "+275760-09-13T00:00:00Z" }, "closesAt", "must be at most 30 days ahead"],
      [{ closesAt: 8.64e15 }, "closesAt", "must be at most 30 days ahead"],
      [{ closesAt: "10000-01-01T00:00:00Z" }, "closesAt", "must be at most 30 days ahead"],
      [{ closesAt: "0999-01-01T00:00:00Z" }, "closesAt", "must be in the future"],
      [{ externalId: "\u0000" }, "externalId", "must not contain control characters or broken Unicode"],
      [{ options: ["\u0000", "Нет"] }, "options.0", "must not be empty"],
      [{ options: ["Да\u0000", "Да"] }, "options.1", "repeats option 1"],
    ];
    for (const [fields, field, reason] of cases) {
      const res = await t.api("POST", "/api/polls", poll(fields));
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(res.body.fields[field], JSON.stringify(fields)).toMatch(reason);
    }
    const created = await t.api("POST", "/api/polls", poll({ externalId: "hostile-poll", question: "\ud800Вопрос\u0000?", options: ["Да\u0007", "Нет\udfff"] }));
    expect(created.status).toBe(201);
    expect(created.body.question).toBe("\ufffdВопрос?");
    expect(created.body.options.map((o: { text: string }) => o.text)).toEqual(["Да", "Нет\ufffd"]);
    await t.app.services.polls.idle();
    expect(t.fake.pollsIn(RU).at(-1)!.question).toBe("\ufffdВопрос?");

    for (const votes of [[1e308, 0], [2 ** 53, 0], [0.5, 1], [-1, 1], ["1", 1]]) {
      const res = await t.api("PUT", "/api/polls/hostile-poll/site-votes", { votes });
      expect(res.status, JSON.stringify(votes)).toBe(400);
      expect(res.body.fields.votes).toMatch(/whole numbers from 0 to 1000000000/);
    }
    const ok = await t.api("PUT", "/api/polls/hostile-poll/site-votes", { votes: [1_000_000_000, 1_000_000_000] });
    expect(ok.body.options.map((o: { total: number }) => o.total)).toEqual([1_000_000_000, 1_000_000_000]);
    expect(refusedByTelegram()).toEqual([]);
  });

  it("names a refused post to the editors by a title cut between graphemes", async () => {
    t.fake.failNext({ method: "sendMessage", chatId: RU, error: errors.badRequest("some new rule") });
    await t.api("POST", "/api/articles", article({ title: `a${"😀".repeat(200)}` }));
    const notice = await t.fake.waitForCall((c) => c.method === "sendMessage" && String(c.params.chat_id) === String(EDITOR_CHAT_ID));
    expect(notice.response.ok).toBe(true);
    expect(String(notice.params.text)).toContain(`«a${"😀".repeat(49)}…»`); // 100 units: "a", 49 emoji, "…"
  });

  it("answers page cursors beyond our ids with a 400, not a 500", async () => {
    for (const url of ["/api/articles?before=1e308", "/api/articles?before=99999999999", "/api/tips?before=1e308", "/api/tips?before=2147483648"]) {
      const res = await t.api("GET", url);
      expect(res.status, url).toBe(400);
      expect(res.body.fields.before, url).toBeDefined();
    }
  });

  // About 450 calls, each a real write on the test database: given time of its own on a loaded machine.
  it("never answers 500 to any of 450 hostile calls, one per field and value", { timeout: 90_000 }, async () => {
    const values = ["\ud800", "\udfff\ud800", "\u0000", "&#xD800;", "x".repeat(20_000), 1e308, -0, Number.MAX_VALUE, 2 ** 53, "+275760-09-13T00:00:00Z",
      "1e308", [], {}, null, true, ["\u0000"], { __proto__: { polluted: 1 } }, "2026-13-45T99:99:99", "\u202e\u2066"];
    const articleFields = ["externalId", "url", "title", "lead", "body", "imageUrl", "section", "tags", "language", "author", "publishedAt", "publishAt", "breaking", "poll"];
    const pollFields = ["externalId", "question", "options", "language", "chats", "closesAt", "allowsMultipleAnswers", "isAnonymous", "siteVotes"];
    const statuses = new Set<number>();
    for (const value of values) {
      for (const field of articleFields) statuses.add((await t.api("POST", "/api/articles", article({ [field]: value }))).status);
      for (const field of pollFields) statuses.add((await t.api("POST", "/api/polls", poll({ chats: [RU], [field]: value }))).status);
      statuses.add((await t.api("PUT", "/api/polls/hostile-poll/site-votes", { votes: value })).status);
    }
    expect([...statuses].sort()).toEqual([201, 400]);
    expect(t.logText()).not.toContain("request failed");
    await t.app.worker.idle();
    await t.app.services.polls.idle();
    expect(refusedByTelegram()).toEqual([]);
  });
});
