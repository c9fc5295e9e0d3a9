import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { pollMessageIds } from "../../src/polls/poll-copy-repository.ts";

const RU = "@karaganda_news";
const KK = "-1001234567890";
const GROUP = -4001001;

// The reader poll from the site's front page (../shared/seed/ekaraganda-page.txt), with its site counts.
export const ROADS = {
  question: "Довольны ли вы качеством ремонта дорог в Караганде?",
  options: [
    "Да. Делают очень хорошо;",
    "Доволен/на качеством, но мешают постоянные пробки;",
    "Нет. Сразу видно, что делают плохо - через пару лет будут перекладывать;",
    "Сколько ни делай - толку не будет. Только деньги на ветер.",
  ],
  siteVotes: [294, 42, 258, 33],
};

describe("polls over the HTTP API", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CHANNELS: `${RU}:ru,${KK}:kk` } });
  });
  afterAll(() => t.close());

  async function create(body: Record<string, unknown>) {
    const res = await t.api("POST", "/api/polls", body);
    await t.app.services.polls.idle();
    return res;
  }
  const tgPoll = (chat: string | number) => t.fake.pollsIn(chat).at(-1)!;
  /** Pushes vote updates and waits until the app has counted them all. */
  async function votes(...pushes: Array<() => unknown>) {
    const base = t.app.services.polls.handledUpdates();
    pushes.forEach((push) => push());
    await t.app.services.polls.whenHandled(base + pushes.length);
  }

  it("posts one poll to two channels and a group, anonymous in channels, and merges Telegram with the site", async () => {
    const res = await create({ externalId: "roads", ...ROADS, chats: [RU, KK, GROUP] });
    expect(res.status).toBe(201);
    expect(res.body.copies.map((c: { chat: string }) => c.chat)).toEqual([RU, KK, String(GROUP)]);
    for (const chat of [RU, KK, GROUP]) {
      expect(t.fake.pollsIn(chat)).toHaveLength(1);
      expect(tgPoll(chat).is_anonymous).toBe(true);
      expect(tgPoll(chat).options.map((o) => o.text)).toEqual(ROADS.options);
    }

    await votes(
      () => t.fake.pollUpdate(tgPoll(RU).id, [3, 1, 2, 0]),
      () => t.fake.pollUpdate(tgPoll(KK).id, [1, 0, 0, 1]),
      () => t.fake.pollUpdate(tgPoll(GROUP).id, [0, 0, 1, 0]),
    );

    const got = await t.api("GET", "/api/polls/roads");
    expect(got.status).toBe(200);
    expect(got.body.options.map((o: { telegram: number; site: number; total: number }) => [o.telegram, o.site, o.total]))
      .toEqual([[4, 294, 298], [1, 42, 43], [3, 258, 261], [1, 33, 34]]);
    expect(got.body.votes).toEqual({ telegram: 9, site: 627, total: 636 });
    expect(got.body.voters).toEqual({ telegram: 9, site: 627, total: 636 });
    expect(got.body.options.map((o: { percent: number }) => o.percent)).toEqual([46.9, 6.8, 41, 5.3]);
    // A poll the site named is addressed by that name only, never by our number (PRODUCT.md).
    expect((await t.api("GET", `/api/polls/${got.body.id}`)).status).toBe(404);
  });

  it("lowers the totals when a reader retracts a vote in an anonymous channel copy", async () => {
    const res = await create({ ...ROADS, chats: [RU] });
    const id = tgPoll(RU).id;
    await votes(() => t.fake.pollUpdate(id, [3, 1, 0, 0]), () => t.fake.pollUpdate(id, [2, 1, 0, 0])); // "Retract vote"
    const got = (await t.api("GET", `/api/polls/${res.body.id}`)).body;
    expect(got.options.map((o: { telegram: number }) => o.telegram)).toEqual([2, 1, 0, 0]);
    expect(got.copies[0].voters).toBe(3);

    // Multiple answers: un-ticking one of two options lowers the votes, not the voters.
    const multi = await create({ question: "Какие дороги хуже?", options: ["Центр", "Майкудук"], chats: [RU], allowsMultipleAnswers: true });
    const multiId = tgPoll(RU).id;
    await votes(() => t.fake.pollUpdate(multiId, [2, 1], { totalVoters: 2 }), () => t.fake.pollUpdate(multiId, [2, 0], { totalVoters: 2 }));
    const after = (await t.api("GET", `/api/polls/${multi.body.id}`)).body;
    expect(after.options.map((o: { telegram: number }) => o.telegram)).toEqual([2, 0]);
    expect(after.copies[0].voters).toBe(2);
  });

  it("orders updates by update_id: a late one and a duplicate change nothing", async () => {
    const res = await create({ ...ROADS, chats: [RU] });
    const id = tgPoll(RU).id;
    // Handed to the bot directly, to choose the order of arrival: Telegram numbers updates in the order of events.
    const deliver = (updateId: number, counts: number[]) => {
      const poll = structuredClone(t.fake.findPoll(id)!);
      poll.options.forEach((option, i) => { option.voter_count = counts[i]!; });
      poll.total_voter_count = counts.reduce((a, b) => a + b, 0);
      return t.app.bot.handleUpdate({ update_id: updateId, poll } as never);
    };
    const counts = async () => (await t.api("GET", `/api/polls/${res.body.id}`)).body.options.map((o: { telegram: number }) => o.telegram);

    await deliver(900_001, [1, 0, 0, 0]);
    await deliver(900_003, [1, 1, 0, 0]); // after a retraction
    await deliver(900_002, [2, 1, 0, 0]); // the state before it, arriving late
    await deliver(900_003, [1, 1, 0, 0]); // delivered twice
    await deliver(900_002, [2, 1, 0, 0]);
    expect(await counts()).toEqual([1, 1, 0, 0]);
    expect((await t.api("GET", `/api/polls/${res.body.id}`)).body.copies[0].voters).toBe(2);

    // Same number of voters, one changed their mind: the later update wins.
    await deliver(900_004, [0, 2, 0, 0]);
    expect(await counts()).toEqual([0, 2, 0, 0]);
  });

  it("ignores a poll update for a poll it does not know, with a log line", async () => {
    const before = t.logs.length;
    await votes(() => t.fake.pushUpdate({ poll: { id: "999", question: "?", options: [{ text: "a", voter_count: 1 }, { text: "b", voter_count: 0 }], total_voter_count: 1, is_closed: false, is_anonymous: true, type: "regular", allows_multiple_answers: false } } as never));
    expect(t.logs.slice(before).some((l) => l.telegramPollId === "999" && String(l.msg).includes("do not know"))).toBe(true);
    expect((await t.api("GET", "/api/polls/roads")).status).toBe(200);
  });

  it("sets the site's votes and rejects counts that do not fit", async () => {
    const ok = await t.api("PUT", "/api/polls/roads/site-votes", { votes: [300, 50, 260, 40] });
    expect(ok.status).toBe(200);
    expect(ok.body.votes.site).toBe(650);
    const bad = await t.api("PUT", "/api/polls/roads/site-votes", { votes: [1, 2] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: "validation_failed", fields: { votes: expect.stringContaining("one count per option") } });
    expect((await t.api("PUT", "/api/polls/nope/site-votes", { votes: [1] })).status).toBe(404);
  });

  it("answers 400 with a reason per field", async () => {
    const [polls, stored] = [t.fake.callsTo("sendPoll").length, await t.database.db.poll.count()];
    const res = await t.api("POST", "/api/polls", {
      question: "x".repeat(301), options: ["Да", " да ", "y".repeat(101)], closesAt: "2001-01-01T00:00:00Z", chats: ["not a chat"],
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("validation_failed");
    expect(res.body.fields).toEqual({
      question: "must be at most 300 characters (has 301)",
      "options.1": "repeats option 1",
      "options.2": "must be at most 100 characters (has 101)",
      closesAt: "must be in the future",
      "chats.0": "\"not a chat\" is not a chat id or @username",
    });
    const dup = await t.api("POST", "/api/polls", { question: "Q?", options: ["Да", " да "], closesAt: new Date(Date.now() + 31 * 86_400_000).toISOString() });
    expect(dup.body.fields).toEqual({ "options.1": "repeats option 1", closesAt: "must be at most 30 days ahead" });
    const few = await t.api("POST", "/api/polls", { question: "Q?", options: ["only"] });
    expect(few.body.fields).toEqual({ options: "must have at least 2 options" });
    // None of it was stored, so none of it can reach Telegram.
    expect(await t.database.db.poll.count()).toBe(stored);
    expect(t.fake.callsTo("sendPoll")).toHaveLength(polls);
  });

  it("closes early: stops every copy and posts the merged result once per channel, in its language", async () => {
    const res = await t.api("POST", "/api/polls/roads/close");
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("closed");
    await t.app.services.polls.idle();
    const again = await t.api("POST", "/api/polls/roads/close");
    expect(again.status).toBe(200);
    await t.app.services.polls.idle();

    const stops = t.fake.callsTo("stopPoll").filter((c) => [RU, Number(KK), GROUP].some((chat) => String(c.params.chat_id) === String(chat)));
    expect(stops.length).toBeGreaterThanOrEqual(3);
    const roads = (await t.api("GET", "/api/polls/roads")).body;
    expect(roads.copies.map((c: { state: string }) => c.state)).toEqual(["closed", "closed", "closed"]);
    expect(roads.votes).toEqual({ telegram: 9, site: 650, total: 659 });

    const ruResults = t.fake.messages(RU).filter((m) => m.text?.startsWith("📊 Итоги опроса: Довольны"));
    const kkResults = t.fake.messages(KK).filter((m) => m.text?.startsWith("📊 Сауалнама қорытындысы: Довольны"));
    expect(ruResults).toHaveLength(1);
    expect(kkResults).toHaveLength(1);
    expect(t.fake.messages(GROUP).filter((m) => m.text)).toHaveLength(0);
    expect(ruResults[0]!.reply_to_message_id).toBe(roads.copies[0].messageId);
    expect(ruResults[0]!.text).toContain("46,1% · 304 (Telegram 4, сайт 300)");
    expect(ruResults[0]!.text).toContain("Проголосовали: 659 (Telegram 9, сайт 650)");
    expect(kkResults[0]!.text).toContain("Дауыс бергендер: 659");
    expect(roads.copies[0].resultsMessageId).toBe(ruResults[0]!.message_id);
  });

  it("moves each channel's last confirmed message id past its poll and results messages", async () => {
    const { db } = t.app.database;
    const last = async (chatId: string) => (await db.channel.findUnique({ where: { chatId } }))?.lastMessageId;
    const ours = (chat: string) => t.fake.messages(chat).map((m) => m.message_id).sort((a, b) => a - b);
    expect(await last(RU)).toBe(ours(RU).at(-1));
    expect(await last(KK)).toBe(ours(KK).at(-1));
    expect(t.fake.messages(RU).at(-1)!.text).toMatch(/^📊 Итоги опроса/);

    // The article probe asks which ids in a channel are ours from polls, to step over them.
    expect(await pollMessageIds(db, RU, 0)).toEqual(ours(RU));
    const roads = (await t.api("GET", "/api/polls/roads")).body;
    expect(await pollMessageIds(db, KK, roads.copies[1].messageId)).toEqual([roads.copies[1].resultsMessageId]);
    expect(await pollMessageIds(db, String(GROUP), 0)).toEqual([roads.copies[2].messageId]);
  });
});
