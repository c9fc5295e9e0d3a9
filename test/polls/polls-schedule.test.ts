import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import type { Clock } from "../../src/clock.ts";
import { attachArticlePoll } from "../../src/polls/article-poll.ts";
import { ValidationError } from "../../src/articles/article-input.ts";

const RU = "@karaganda_news";
const KK = "@karaganda_kz";

/** Time we can move: the app reads it for closesAt, the scheduler job compares against it. */
function movableClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => { offset += ms; } };
}

describe("closing polls on schedule", () => {
  const clock = movableClock();
  let first: TestApp;
  let t: TestApp;
  beforeAll(async () => {
    first = t = await startTestApp({ clock, env: { CHANNELS: `${RU}:ru,${KK}:kk` } });
  });
  afterAll(async () => {
    await t.close();
    await first.fake.close();
  });

  it("closes a poll whose time passed while the app was down, right at the next start", async () => {
    const closesAt = new Date(clock.now().getTime() + 3_600_000).toISOString();
    const res = await t.api("POST", "/api/polls", { externalId: "night", question: "Работает ли у вас отопление?", options: ["Да", "Нет"], closesAt, siteVotes: [5, 15] });
    expect(res.status).toBe(201);
    await t.app.services.polls.idle();
    t.fake.pollUpdate(t.fake.pollsIn(RU)[0]!.id, [2, 1]);
    t.fake.pollUpdate(t.fake.pollsIn(KK)[0]!.id, [0, 2]);
    await t.app.services.polls.whenHandled(2);

    // Not yet: the job leaves an open poll alone.
    await t.app.runJob("close-polls");
    expect((await t.api("GET", "/api/polls/night")).body.status).toBe("open");

    await t.stopApp();
    clock.advance(2 * 3_600_000);
    t = await t.restart({ clock, app: { scheduler: true } });
    const results = await t.fake.waitForCalls((c) => c.method === "sendMessage" && String(c.params.text).includes("Работает ли у вас отопление?"), 2);
    await t.app.services.polls.idle();

    const got = (await t.api("GET", "/api/polls/night")).body;
    expect(got.status).toBe("closed");
    expect(got.copies.map((c: { state: string }) => c.state)).toEqual(["closed", "closed"]);
    expect(t.fake.pollsIn(RU)[0]!.is_closed).toBe(true);
    expect(t.fake.pollsIn(KK)[0]!.is_closed).toBe(true);
    expect(results.map((c) => String(c.params.chat_id)).sort()).toEqual([KK, RU].sort());
    const ru = results.find((c) => c.params.chat_id === RU)!;
    expect(String(ru.params.text)).toContain("Проголосовали: 25 (Telegram 5, сайт 20)");
    expect(String(results.find((c) => c.params.chat_id === KK)!.params.text)).toContain("Дауыс бергендер: 25 (Telegram 5, сайт 20)");

    // Later runs and restarts post nothing again.
    await t.app.runJob("close-polls");
    await t.stopApp();
    t = await t.restart({ clock });
    await t.app.services.polls.idle();
    expect(t.fake.callsTo("sendMessage").filter((c) => String(c.params.text).includes("Работает ли у вас отопление?"))).toHaveLength(2);
    expect(t.fake.callsTo("stopPoll")).toHaveLength(2);
  });

  it("closes on time through the job while running", async () => {
    const res = await t.api("POST", "/api/polls", { question: "Куда поехать летом?", options: ["Балхаш", "Боровое"], chats: [RU], closesAt: new Date(clock.now().getTime() + 60_000).toISOString() });
    await t.app.services.polls.idle();
    clock.advance(61_000);
    await t.app.runJob("close-polls");
    await t.app.services.polls.idle();
    const got = (await t.api("GET", `/api/polls/${res.body.id}`)).body;
    expect(got.status).toBe("closed");
    expect(got.copies[0].resultsMessageId).toBeGreaterThan(0);
  });
});

describe("a poll attached to an article", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CHANNELS: `${RU}:ru,${KK}:kk` } });
  });
  afterAll(() => t.close());

  const store = (body: Record<string, unknown>) => () => t.app.services.articles.upsert(body, "api");
  const article = (id: string, extra: Record<string, unknown> = {}) => ({
    externalId: id, url: `https://ekaraganda.kz/${id}`, title: "Дороги отремонтируют к осени", language: "ru", ...extra,
    poll: { question: "Довольны ли вы качеством ремонта дорог?", options: ["Да", "Нет"] },
  });

  it("posts the poll right after the article, as a reply to it, in the article's channels", async () => {
    const body = article("roads-article");
    const result = await attachArticlePoll(t.app.services.polls, body, store(body));
    expect(result.poll).toMatchObject({ externalId: "article:roads-article", articleId: result.article.id });
    await t.app.worker.idle();
    await t.app.services.polls.idle();
    const [post, poll] = t.fake.messages(RU);
    expect(post!.text).toContain("Дороги отремонтируют к осени");
    expect(poll!.poll?.question).toBe("Довольны ли вы качеством ремонта дорог?");
    expect(poll!.reply_to_message_id).toBe(post!.message_id);
    expect(t.fake.pollsIn(KK)).toHaveLength(0);

    // Pushing the article again does not add a second poll.
    const again = await attachArticlePoll(t.app.services.polls, body, store({ ...body, title: "Дороги отремонтируют к сентябрю" }));
    expect(again.poll!.id).toBe(result.poll!.id);
    await t.app.worker.idle();
    await t.app.services.polls.idle();
    expect(t.fake.pollsIn(RU)).toHaveLength(1);
  });

  it("waits for a scheduled article", async () => {
    const body = article("later", { publishAt: new Date(Date.now() + 3_600_000).toISOString() });
    const result = await attachArticlePoll(t.app.services.polls, body, store(body));
    await t.app.services.polls.idle();
    const got = (await t.api("GET", `/api/polls/${encodeURIComponent(result.poll!.externalId!)}`)).body;
    expect(got.copies[0].state).toBe("pending");
  });

  it("refuses a bad poll before storing the article, naming the poll's fields", async () => {
    const body = { ...article("bad"), title: "", poll: { question: "?", options: ["Один"] } };
    const error = await attachArticlePoll(t.app.services.polls, body, store(body)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({ title: "is required", "poll.options": "must have at least 2 options" });
    expect(await t.app.services.articles.get("bad")).toBeNull();
  });
});
