import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDITOR_CHAT_ID, startTestApp, type TestApp } from "../support/app.ts";
import type { FakeUser } from "../support/fake-telegram/index.ts";

const RU = "@karaganda_news";
const KK = "@karaganda_kz";
const EDITORS = { id: EDITOR_CHAT_ID, type: "supergroup", title: "Редакция" };

describe("editors run polls from their group", () => {
  let t: TestApp;
  let editor: FakeUser;
  beforeAll(async () => {
    t = await startTestApp({ env: { CHANNELS: `${RU}:ru,${KK}:kk`, ADMIN_IDS: "7003" } });
    editor = t.fake.user({ id: 7001, first_name: "Редактор" });
  });
  afterAll(() => t.close());

  /** Someone writes in a chat; resolves with the bot's answer there. */
  async function sayIn(user: FakeUser, chat: { id: number; type: string; title: string }, text: string, replyTo?: number): Promise<string> {
    const before = new Set(t.fake.calls);
    user.sendText(text, { chat, replyTo });
    const answer = await t.fake.waitForCall((c) => !before.has(c) && c.method === "sendMessage" && c.params.chat_id === chat.id);
    await t.app.services.polls.idle();
    return String(answer.params.text);
  }
  const say = (text: string, replyTo?: number) => sayIn(editor, EDITORS, text, replyTo);

  it("creates a poll from one line with options, and posts it to every channel", async () => {
    const reply = await say("/poll Нужен ли в Караганде второй каток? | Да, обязательно | Нет | Всё равно --closes 2d");
    expect(reply).toMatch(/✅ Опрос №\d+ создан: «Нужен ли в Караганде второй каток\?»/);
    expect(reply).toContain(`Публикуется в: ${RU}, ${KK}`);
    expect(reply).toContain("Закроется:");
    for (const chat of [RU, KK]) {
      expect(t.fake.pollsIn(chat).map((p) => p.question)).toContain("Нужен ли в Караганде второй каток?");
    }
    const poll = t.fake.pollsIn(RU).at(-1)!;
    expect(poll.options.map((o) => o.text)).toEqual(["Да, обязательно", "Нет", "Всё равно"]);
  });

  it("creates a poll step by step, by answering the bot's prompt", async () => {
    const prompt = await say("/poll");
    expect(prompt).toContain("Ответьте на это сообщение");
    const promptMessage = t.fake.messages(EDITOR_CHAT_ID).at(-1)!;
    // A selective force_reply reaches only the sender of the message it replies to: the editor's /poll.
    const command = t.fake.history(EDITOR_CHAT_ID).findLast((m) => !m.fromBot && m.text === "/poll")!;
    expect(promptMessage.reply_markup).toMatchObject({ force_reply: true, selective: true });
    expect(promptMessage.reply_to_message_id).toBe(command.message_id);
    const reply = await say("Где открыть новый сквер?\nМайкудук\nЮго-Восток\nПришахтинск\n--chats @karaganda_kz", promptMessage.message_id);
    expect(reply).toContain("Публикуется в: @karaganda_kz");
    expect(t.fake.pollsIn(KK).at(-1)!.options.map((o) => o.text)).toEqual(["Майкудук", "Юго-Восток", "Пришахтинск"]);
    expect(t.fake.pollsIn(RU).map((p) => p.question)).not.toContain("Где открыть новый сквер?");
  });

  it("explains what is wrong, in words, without a trace of a stack", async () => {
    const [polls, stored] = [t.fake.callsTo("sendPoll").length, await t.database.db.poll.count()];
    expect(await say("/poll Вопрос без вариантов? | Один")).toBe("❌ Опрос не создан:\n• Нужно хотя бы 2 варианта ответа.");
    const many = await say(`/poll Вопрос? | Да | да | ${"о".repeat(101)} --closes 40d`);
    expect(many).toContain("• Вариант 2 повторяет вариант 1.");
    expect(many).toContain("• Вариант 3 слишком длинный: 101 символов, Telegram допускает 100.");
    expect(many).toContain("• Закрыть опрос можно не позже чем через 30 дней.");
    expect(await say("/poll Вопрос? | Да | Нет --closes завтра")).toContain("«завтра» — не время закрытия");
    expect(await say("/poll Вопрос? | Да | Нет --chats канал")).toContain("«канал» — не чат");
    expect(await say(`/poll ${"в".repeat(301)} | Да | Нет`)).toContain("Вопрос слишком длинный: 301 символов");
    // None of these polls was stored, so none can reach Telegram.
    expect(await t.database.db.poll.count()).toBe(stored);
    expect(t.fake.callsTo("sendPoll")).toHaveLength(polls);
    expect(t.logText()).not.toContain("update handling failed");
  });

  it("shows merged results as a bar chart with /stats and closes with /closepoll", async () => {
    const { body } = await t.api("POST", "/api/polls", { externalId: "rink", question: "Каток?", options: ["Да", "Нет"], chats: [RU], siteVotes: [30, 10] });
    await t.app.services.polls.idle();
    const base = t.app.services.polls.handledUpdates();
    t.fake.pollUpdate(t.fake.pollsIn(RU).at(-1)!.id, [10, 0]);
    await t.app.services.polls.whenHandled(base + 1);

    // "rink" was named by the site: our number reaches it written as the bot shows it, №12, never bare.
    expect(await say(`/stats ${body.id}`)).toBe(`Опрос «${body.id}» не найден.`);
    const stats = await say(`/stats №${body.id}`);
    expect(stats).toContain("📊 Опрос: Каток?");
    expect(stats).toContain("Да\n▓▓▓▓▓▓▓▓▓▓░░ 80,0% · 40 (Telegram 10, сайт 30)");
    expect(stats).toContain("Нет\n▓▓░░░░░░░░░░ 20,0% · 10 (Telegram 0, сайт 10)");
    expect(stats).toContain(`${RU}: ✅ идёт, проголосовали: 10`);
    expect(await say("/stats rink")).toContain("📊 Опрос: Каток?");
    expect(await say("/stats 99999")).toBe("Опрос «99999» не найден.");

    expect(await say(`/closepoll #${body.id}`)).toContain(`🔒 Опрос №${body.id} «Каток?» закрыт`);
    const results = t.fake.messages(RU).filter((m) => m.text?.startsWith("📊 Итоги опроса: Каток?"));
    expect(results).toHaveLength(1);
    expect(await say("/closepoll rink")).toBe(`Опрос №${body.id} уже закрыт.`);
    expect(await say("/closepoll")).toContain("/closepoll №12");
  });

  it("ignores /poll from readers, but not from an admin outside the editors' group", async () => {
    const reader = t.fake.user({ id: 7002 });
    const admin = t.fake.user({ id: 7003 });
    const group = { id: -4009009, type: "group", title: "Читатели" };
    reader.sendText("/poll Вопрос? | Да | Нет", { chat: group });
    // Updates of one chat are handled in order: once the admin is answered, the reader was handled.
    expect(await sayIn(admin, group, "/stats 424242")).toBe("Опрос «424242» не найден.");
    expect(t.fake.messages(group.id)).toHaveLength(1);
    expect(t.fake.callsTo("sendPoll").some((c) => c.params.question === "Вопрос?")).toBe(false);
  });
});
