import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { errors } from "../support/fake-telegram/index.ts";

const CHANNEL = "@karaganda_news";
const GROUP = -1001500000001; // a discussion supergroup

describe("polls in groups: named votes, changes and retractions", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CHANNELS: `${CHANNEL}:ru` } });
    t.fake.addChat({ id: GROUP, type: "supergroup", title: "Караганда: обсуждение" });
  });
  afterAll(() => t.close());

  async function create(body: Record<string, unknown>) {
    const res = await t.api("POST", "/api/polls", body);
    expect(res.status).toBe(201);
    await t.app.services.polls.idle();
    return res.body as { id: number };
  }
  async function votes(...pushes: Array<() => unknown>) {
    const base = t.app.services.polls.handledUpdates();
    pushes.forEach((push) => push());
    await t.app.services.polls.whenHandled(base + pushes.length);
  }
  const results = async (id: number) => (await t.api("GET", `/api/polls/${id}`)).body;

  it("is named and multiple-answer in the group but anonymous in the channel", async () => {
    await create({ question: "Какие улицы ремонтировать первыми?", options: ["Бухар-Жырау", "Ерубаева", "Гоголя"], chats: [CHANNEL, GROUP], isAnonymous: false, allowsMultipleAnswers: true });
    const inGroup = t.fake.pollsIn(GROUP)[0]!;
    const inChannel = t.fake.pollsIn(CHANNEL)[0]!;
    expect(inGroup.is_anonymous).toBe(false);
    expect(inGroup.allows_multiple_answers).toBe(true);
    expect(inChannel.is_anonymous).toBe(true);
    expect(inChannel.allows_multiple_answers).toBe(true);
  });

  it("counts each voter's latest choice: changes replace, an empty choice retracts", async () => {
    const poll = await create({ question: "Где нужен светофор?", options: ["Мира", "Строителей", "Абдирова"], chats: [GROUP], isAnonymous: false });
    const id = t.fake.pollsIn(GROUP).at(-1)!.id;
    const aigerim = t.fake.user({ id: 501, first_name: "Айгерим" });
    const sergey = t.fake.user({ id: 502, first_name: "Сергей" });
    const dana = t.fake.user({ id: 503, first_name: "Дана" });

    await votes(() => t.fake.pollAnswer(id, aigerim, [0]), () => t.fake.pollAnswer(id, sergey, [1]), () => t.fake.pollAnswer(id, dana, [1]));
    expect((await results(poll.id)).options.map((o: { telegram: number }) => o.telegram)).toEqual([1, 2, 0]);

    await votes(
      () => t.fake.pollAnswer(id, aigerim, [2]), // changed her mind
      () => t.fake.pollAnswer(id, sergey, []), // retracted
      () => t.fake.pollAnswer(id, sergey, []), // the retraction delivered twice
    );
    const after = await results(poll.id);
    expect(after.options.map((o: { telegram: number }) => o.telegram)).toEqual([0, 1, 1]);
    expect(after.voters.telegram).toBe(2);

    // Closing takes Telegram's own final numbers, which agree.
    await t.api("POST", `/api/polls/${poll.id}/close`);
    await t.app.services.polls.idle();
    const closed = await results(poll.id);
    expect(closed.copies[0].state).toBe("closed");
    expect(closed.options.map((o: { telegram: number }) => o.telegram)).toEqual([0, 1, 1]);
    // Results are posted in channels only; the group sees its own closed poll.
    expect(t.fake.messages(GROUP).filter((m) => m.text)).toHaveLength(0);
  });

  it("follows a group that became a supergroup and tells the editors", async () => {
    const OLD = -4002002;
    const NEW = -1004002002;
    t.fake.failNext({ method: "sendPoll", chatId: OLD, error: errors.migrate(NEW) });
    const poll = await create({ question: "Переезд?", options: ["Да", "Нет"], chats: [OLD] });
    const got = await results(poll.id);
    expect(got.copies[0]).toMatchObject({ chat: String(NEW), state: "sent" });
    expect(t.fake.pollsIn(NEW)).toHaveLength(1);
    await t.fake.waitForCall((c) => c.method === "sendMessage" && String(c.params.chat_id) === String(t.config.editorChatId) && String(c.params.text).includes(String(NEW)));
  });

  it("records a chat that refuses the bot and tells the editors, without retrying forever", async () => {
    const BLOCKED = -4003003;
    t.fake.blockChat(BLOCKED);
    t.fake.failNext({ method: "sendPoll", chatId: BLOCKED, error: errors.forbidden("bot was kicked from the group chat") });
    const poll = await create({ question: "Видно?", options: ["Да", "Нет"], chats: [BLOCKED, CHANNEL] });
    const got = await results(poll.id);
    expect(got.copies.map((c: { state: string }) => c.state)).toEqual(["failed", "sent"]);
    expect(got.copies[0].lastError).toContain("kicked");
    await t.fake.waitForCall((c) => c.method === "sendMessage" && String(c.params.text).includes("не принимает бота"));
    expect(t.fake.callsTo("sendPoll").filter((c) => c.params.chat_id === BLOCKED)).toHaveLength(1);
  });

  it("waits out a rate limit and posts once", async () => {
    const SLOW = -4004004;
    t.fake.failNext({ method: "sendPoll", chatId: SLOW, error: errors.tooManyRequests(1) });
    const poll = await create({ question: "Быстро?", options: ["Да", "Нет"], chats: [SLOW] });
    const got = await results(poll.id);
    expect(got.copies[0].state).toBe("sent");
    expect(t.fake.pollsIn(SLOW)).toHaveLength(1);
  });
});
