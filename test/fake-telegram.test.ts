import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Api, Bot, GrammyError, HttpError, InputFile, webhookCallback } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { errors, startFakeTelegram, type FakeTelegram } from "./support/fake-telegram/index.ts";

let fake: FakeTelegram;
let api: Api;

beforeEach(async () => {
  fake = await startFakeTelegram();
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
});
afterEach(async () => {
  await fake.close();
});

/** The GrammyError a call fails with (fails the test if it succeeds). */
async function apiError(p: Promise<unknown>): Promise<GrammyError> {
  const e: unknown = await p.then(() => new Error("expected the call to fail"), (err: unknown) => err);
  expect(e).toBeInstanceOf(GrammyError);
  return e as GrammyError;
}

function botFor(f: FakeTelegram): Bot {
  return new Bot(f.token, { client: { apiRoot: f.apiRoot }, botInfo: f.botInfo });
}

describe("basics", () => {
  it("should answer getMe and refuse a wrong token with 401", async () => {
    expect((await api.getMe()).username).toBe(fake.botInfo.username);
    const wrong = new Api("999:WRONG", { apiRoot: fake.apiRoot });
    const e = await apiError(wrong.getMe());
    expect([e.error_code, e.description]).toEqual([401, "Unauthorized"]);
  });

  it("should answer 404 for an unknown method and parse form bodies", async () => {
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/sendTelepathy`, { method: "POST" });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, error_code: 404, description: "Not Found: method not found" });
    const form = new URLSearchParams({ chat_id: "42", text: "hi", reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "a", callback_data: "b" }]] }) });
    const sent = await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, { method: "POST", body: form });
    expect(sent.status).toBe(200);
    const call = fake.callsTo("sendMessage")[0];
    expect(call?.bodyKind).toBe("form");
    expect(call?.params.reply_markup).toEqual({ inline_keyboard: [[{ text: "a", callback_data: "b" }]] });
  });

  it("should number messages per chat, interleaving user messages", async () => {
    fake.addChat({ id: -1001, type: "channel", title: "News", lastMessageId: 500 });
    expect((await api.sendMessage(-1001, "first")).message_id).toBe(501);
    expect((await api.sendMessage(7, "a")).message_id).toBe(1);
    fake.user({ id: 7 }).sendText("hello");
    expect((await api.sendMessage(7, "b")).message_id).toBe(3);
    expect(fake.messages(7).map((m) => m.text)).toEqual(["a", "b"]);
    expect(fake.history(7).map((m) => [m.message_id, m.fromBot])).toEqual([[1, true], [2, false], [3, true]]);
  });

  it("should refuse unknown chats only in strict mode", async () => {
    fake.strictChats(true);
    const e = await apiError(api.sendMessage(555, "x"));
    expect(e.description).toBe("Bad Request: chat not found");
    fake.addChat({ id: 555, type: "private", first_name: "Aigerim" });
    await expect(api.sendMessage(555, "x")).resolves.toMatchObject({ chat: { id: 555, type: "private" } });
  });
});

describe("HTML parse mode", () => {
  const html = (text: string) => api.sendMessage(1, text, { parse_mode: "HTML" });

  it("should reject a hostile <script> tag with Telegram's description and byte offset", async () => {
    const e = await apiError(html("Привет <script>alert(1)</script>"));
    // "Привет " is 13 bytes in UTF-8 although it is 7 characters.
    expect(e.description).toBe('Bad Request: can\'t parse entities: Unsupported start tag "script" at byte offset 13');
  });

  it("should reject a stray & and a stray <", async () => {
    expect((await apiError(html("Tom & Jerry"))).description).toMatch(/^Bad Request: can't parse entities: .* at byte offset 4$/);
    expect((await apiError(html("1 < 2"))).description).toContain("can't parse entities");
  });

  it("should reject unclosed and mis-nested tags", async () => {
    expect((await apiError(html("<b>bold"))).description).toContain('Can\'t find end tag corresponding to start tag "b"');
    expect((await apiError(html("<b><i>x</b></i>"))).description).toContain(`Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`);
    expect((await apiError(html("x</b>"))).description).toContain("Unexpected end tag at byte offset 1");
  });

  it("should accept valid nested markup, decode entities and return entities", async () => {
    const msg = await html('<b>bold <i>both</i></b> &lt;tag&gt; &amp; &#1178;&#x4E2D; <a href="https://x.kz/?a=1&amp;b=2">link</a>' +
      '<pre><code class="language-ts">let x</code></pre><span class="tg-spoiler">s</span><blockquote expandable>q</blockquote>');
    expect(msg.text).toBe("bold both <tag> & Қ中 linklet xsq");
    expect(msg.entities).toEqual([
      { type: "bold", offset: 0, length: 9 },
      { type: "italic", offset: 5, length: 4 },
      { type: "text_link", offset: 21, length: 4, url: "https://x.kz/?a=1&b=2" },
      { type: "pre", offset: 25, length: 5, language: "ts" },
      { type: "spoiler", offset: 30, length: 1 },
      { type: "expandable_blockquote", offset: 31, length: 1 },
    ]);
    expect(fake.messages(1)[0]?.entitiesOrHtml).toContain("<b>bold");
  });

  it("should reject a span that is not a spoiler", async () => {
    expect((await apiError(html('<span class="red">x</span>'))).description).toContain('Tag "span" must have class "tg-spoiler"');
  });
});

describe("length limits count the text after entity parsing", () => {
  it("should accept 4096 characters of escaped text and refuse 4097", async () => {
    await expect(api.sendMessage(1, "&amp;".repeat(4096), { parse_mode: "HTML" })).resolves.toBeTruthy();
    const e = await apiError(api.sendMessage(1, `<b>${"x".repeat(4097)}</b>`, { parse_mode: "HTML" }));
    expect(e.description).toBe("Bad Request: message is too long");
    // Without parse_mode the tags are text and count.
    expect((await apiError(api.sendMessage(1, `<b>${"x".repeat(4090)}</b>`))).description).toBe("Bad Request: message is too long");
  });

  it("should count UTF-16 units, refuse empty text and long captions", async () => {
    await expect(api.sendMessage(1, "😀".repeat(2048))).resolves.toBeTruthy();
    expect((await apiError(api.sendMessage(1, "😀".repeat(2049)))).description).toBe("Bad Request: message is too long");
    expect((await apiError(api.sendMessage(1, "<b></b>", { parse_mode: "HTML" }))).description).toBe("Bad Request: message text is empty");
    await expect(api.sendPhoto(1, "https://x.kz/a.jpg", { caption: `<i>${"y".repeat(1024)}</i>`, parse_mode: "HTML" })).resolves.toBeTruthy();
    const e = await apiError(api.sendPhoto(1, "https://x.kz/a.jpg", { caption: "y".repeat(1025) }));
    expect(e.description).toBe("Bad Request: message caption is too long");
  });
});

describe("faults", () => {
  it("should enforce rateLimit with 429 and an integer retry_after", async () => {
    fake.rateLimit({ perChatPerSecond: 1 });
    await api.sendMessage(1, "a");
    const e = await apiError(api.sendMessage(1, "b"));
    expect(e.error_code).toBe(429);
    expect(e.parameters.retry_after).toBe(1);
    expect(e.description).toBe("Too Many Requests: retry after 1");
    await expect(api.sendMessage(2, "other chat")).resolves.toBeTruthy();
    expect(fake.violations).toBe(1);
    fake.clock.advance(1001);
    await expect(api.sendMessage(1, "later")).resolves.toBeTruthy();
  });

  it("should enforce a per-minute window with retry_after rounded up", async () => {
    fake.rateLimit({ perChatPerMinute: 2 });
    await api.sendMessage(-5, "1");
    fake.clock.advance(30_500);
    await api.sendMessage(-5, "2");
    const e = await apiError(api.sendMessage(-5, "3"));
    expect(e.parameters.retry_after).toBe(30); // the first send leaves the window 29.5 s from now
  });

  it("should inject failNext errors in order, scoped by method and chat", async () => {
    fake.failNext({ method: "sendMessage", chatId: 2, error: errors.tooManyRequests(7) });
    fake.failNext({ method: "sendMessage", times: 2, error: errors.internal() });
    expect((await apiError(api.sendMessage(2, "x"))).parameters.retry_after).toBe(7);
    expect((await apiError(api.sendMessage(3, "x"))).error_code).toBe(500);
    expect((await apiError(api.sendMessage(3, "x"))).error_code).toBe(500);
    await expect(api.sendMessage(3, "x")).resolves.toBeTruthy();
    expect(fake.callsTo("sendMessage").map((c) => c.response.ok)).toEqual([false, false, false, true]);
  });

  it("should drop the connection on errors.networkDrop", async () => {
    fake.failNext({ error: errors.networkDrop });
    await expect(api.getMe()).rejects.toBeInstanceOf(HttpError);
    await expect(api.getMe()).resolves.toBeTruthy();
  });

  it("should answer 403 after blockChat, worded per chat type", async () => {
    fake.addChat({ id: -100200, type: "channel", title: "C" });
    fake.blockChat(77);
    fake.blockChat(-100200);
    expect((await apiError(api.sendMessage(77, "x"))).description).toBe("Forbidden: bot was blocked by the user");
    const e = await apiError(api.sendPhoto(-100200, "https://x.kz/a.jpg"));
    expect([e.error_code, e.description]).toEqual([403, "Forbidden: bot is not a member of the channel chat"]);
  });

  it("should answer migrate_to_chat_id for a migrated group", async () => {
    fake.migrateChat(-300, -100300);
    const e = await apiError(api.sendMessage(-300, "x"));
    expect(e.parameters.migrate_to_chat_id).toBe(-100300);
    expect((await api.sendMessage(-100300, "x")).chat.type).toBe("supergroup");
    fake.failNext({ chatId: -5, error: errors.migrate(-1005) });
    expect((await apiError(api.sendMessage(-5, "x"))).parameters.migrate_to_chat_id).toBe(-1005);
  });

  it("should hold answers for the configured latency", async () => {
    fake.latency(120);
    const t0 = Date.now();
    await api.getMe();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
  });
});

describe("edits and deletes", () => {
  const kb = (data: string) => ({ inline_keyboard: [[{ text: "Vote", callback_data: data }]] });

  it("should refuse an edit that changes nothing, and apply one that does", async () => {
    const m = await api.sendMessage(1, "<b>Hi</b>", { parse_mode: "HTML", reply_markup: kb("a") });
    const same = await apiError(api.editMessageText(1, m.message_id, "<b>Hi</b>", { parse_mode: "HTML", reply_markup: kb("a") }));
    expect(same.description).toMatch(/^Bad Request: message is not modified: specified new message content and reply markup are exactly the same/);
    await api.editMessageText(1, m.message_id, "<b>Hi</b>", { parse_mode: "HTML", reply_markup: kb("b") });
    await api.editMessageText(1, m.message_id, "<i>Hi</i>", { parse_mode: "HTML", reply_markup: kb("b") });
    expect(fake.messages(1)[0]).toMatchObject({ edits: 2, entitiesOrHtml: "<i>Hi</i>" });
  });

  it("should refuse edits of unknown, deleted and users' messages", async () => {
    expect((await apiError(api.editMessageText(1, 99, "x"))).description).toBe("Bad Request: message to edit not found");
    const m = await api.sendMessage(1, "x");
    await api.deleteMessage(1, m.message_id);
    expect((await apiError(api.editMessageText(1, m.message_id, "y"))).description).toBe("Bad Request: message to edit not found");
    fake.user({ id: 1 }).sendText("mine");
    const userMsg = fake.history(1).at(-1);
    expect((await apiError(api.editMessageText(1, userMsg?.message_id ?? 0, "y"))).description).toBe("Bad Request: message can't be edited");
  });

  it("should refuse deleting messages older than 48 hours and deleting twice", async () => {
    const old = await api.sendMessage(1, "old");
    fake.clock.advance(49 * 3600 * 1000);
    const fresh = await api.sendMessage(1, "fresh");
    expect((await apiError(api.deleteMessage(1, old.message_id))).description).toBe("Bad Request: message can't be deleted for everyone");
    await expect(api.deleteMessage(1, fresh.message_id)).resolves.toBe(true);
    expect((await apiError(api.deleteMessage(1, fresh.message_id))).description).toBe("Bad Request: message to delete not found");
    expect(fake.messages(1).map((m) => m.text)).toEqual(["old"]);
    expect(fake.allMessages(1).map((m) => [m.text, m.deleted])).toEqual([["old", false], ["fresh", true]]);
  });
});

describe("updates", () => {
  it("should deliver a pushed update to a polling Bot through a held getUpdates", async () => {
    const bot = botFor(fake);
    bot.on("message:text", (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    void bot.start({ drop_pending_updates: false });
    // Wait until the bot's long poll is being held, then push.
    await new Promise((r) => setTimeout(r, 150));
    const t0 = Date.now();
    fake.user({ id: 10, first_name: "Dana" }).sendText("/start hello");
    const reply = await fake.waitForCall((c) => c.method === "sendMessage");
    expect(Date.now() - t0).toBeLessThan(2000); // not the 30 s poll timeout
    expect(reply.params).toMatchObject({ chat_id: 10, text: "echo: /start hello" });
    await fake.waitForIdle();
    const poll = fake.callsTo("getUpdates").find((c) => Array.isArray(c.response.result) && c.response.result.length === 1);
    expect(poll?.response.result).toMatchObject([{ message: { entities: [{ type: "bot_command", offset: 0, length: 6 }] } }]);
    await bot.stop();
  });

  it("should honour offset, limit and timeout in getUpdates", async () => {
    const u = fake.user({ id: 3 });
    const ids = [u.sendText("a"), u.sendText("b"), u.sendText("c")];
    expect((await api.getUpdates({ limit: 2 })).map((x) => x.update_id)).toEqual(ids.slice(0, 2));
    expect((await api.getUpdates({ offset: ids[1] })).map((x) => x.update_id)).toEqual(ids.slice(1));
    await api.getUpdates({ offset: (ids[2] ?? 0) + 1, timeout: 0 });
    await expect(fake.waitForIdle({ timeoutMs: 100 })).resolves.toBeUndefined();
    const t0 = Date.now();
    expect(await api.getUpdates({ timeout: 1 })).toEqual([]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
  });

  it("should release a held long poll on close()", async () => {
    const other = await startFakeTelegram();
    const held = new Api(other.token, { apiRoot: other.apiRoot }).getUpdates({ timeout: 30 });
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await other.close();
    await expect(held).resolves.toEqual([]);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it("should time out waitForCall with the last calls listed", async () => {
    await api.getMe();
    await expect(fake.waitForCall((c) => c.method === "sendPoll", { timeoutMs: 50 })).rejects.toThrow(/Last calls:\n {2}getMe/);
  });

  it("should POST pushed updates to the webhook with the secret header", async () => {
    const bot = botFor(fake);
    const seen: string[] = [];
    bot.on("callback_query:data", async (ctx) => {
      seen.push(ctx.callbackQuery.data);
      await ctx.answerCallbackQuery();
    });
    const headers: IncomingMessage["headers"][] = [];
    const handle = webhookCallback(bot, "http", { secretToken: "s3cret" });
    const server = createServer((req, res) => {
      headers.push(req.headers);
      void handle(req, res);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      await api.setWebhook(url, { secret_token: "s3cret" });
      expect((await api.getWebhookInfo()).url).toBe(url);
      const sent = await api.sendMessage(20, "Pick", { reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "pick:a" }]] } });
      fake.user({ id: 20 }).press({ chatId: 20, message_id: sent.message_id }, "pick:a");
      await fake.waitForIdle();
      expect(seen).toEqual(["pick:a"]);
      expect(headers[0]?.["x-telegram-bot-api-secret-token"]).toBe("s3cret");
      expect(fake.callsTo("answerCallbackQuery")[0]?.response.ok).toBe(true);
      expect((await apiError(api.getUpdates())).error_code).toBe(409);
      // A wrong secret makes grammY answer 401; the fake records the failed delivery.
      await api.setWebhook(url, { secret_token: "other" });
      fake.user({ id: 20 }).sendText("x");
      await fake.waitForIdle();
      expect(fake.webhookFailures).toHaveLength(1);
      expect(fake.webhookFailures[0]?.status).toBe(401);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it("should hold back chat_member updates unless allowed_updates asks for them", async () => {
    const member = { user: { id: 9, is_bot: false, first_name: "N" }, status: "member" as const };
    const chat_member = {
      chat: { id: -4000, type: "group" as const, title: "G" }, from: member.user, date: 1,
      old_chat_member: { ...member, status: "left" as const }, new_chat_member: member,
    };
    fake.pushUpdate({ chat_member });
    const textId = fake.user({ id: 9 }).sendText("hi");
    expect((await api.getUpdates()).map((u) => u.update_id)).toEqual([textId]);
    const memberId = fake.pushUpdate({ chat_member });
    expect((await api.getUpdates({ offset: textId + 1, allowed_updates: ["chat_member"] })).map((u) => u.update_id)).toEqual([memberId]);
  });

  it("should refuse answering a callback query twice", async () => {
    const m = await api.sendMessage(5, "x");
    fake.user({ id: 5 }).press({ chatId: 5, message_id: m.message_id }, "d");
    const [u] = await api.getUpdates();
    const id = u?.callback_query?.id ?? "";
    expect(u?.callback_query?.message?.message_id).toBe(m.message_id);
    await expect(api.answerCallbackQuery(id)).resolves.toBe(true);
    expect((await apiError(api.answerCallbackQuery(id))).description).toContain("query is too old");
  });
});

describe("polls", () => {
  it("should validate polls like Telegram", async () => {
    fake.addChat({ id: -100900, type: "channel", title: "News" });
    const opts = ["Да", "Нет"];
    expect((await apiError(api.sendPoll(-100900, "q".repeat(301), opts))).description).toBe("Bad Request: poll question length must not exceed 300");
    expect((await apiError(api.sendPoll(-100900, "Q?", ["only"]))).description).toBe("Bad Request: poll must have at least 2 option");
    expect((await apiError(api.sendPoll(-100900, "Q?", ["a", "o".repeat(101)]))).description).toBe("Bad Request: poll options length must not exceed 100");
    expect((await apiError(api.sendPoll(-100900, "Q?", opts, { is_anonymous: false }))).description)
      .toBe("Bad Request: non-anonymous polls can't be sent to channel chats");
    expect(fake.pollsIn(-100900)).toEqual([]);
  });

  it("should deliver poll and poll_answer updates to bot handlers and stop polls", async () => {
    fake.addChat({ id: -4000, type: "group", title: "Editors" });
    const sent = await api.sendPoll(-4000, "Довольны ли вы качеством ремонта дорог?", [{ text: "Да" }, { text: "Нет" }], { is_anonymous: false });
    const pollId = sent.poll.id;
    expect(fake.findPoll(pollId)?.options.map((o) => o.text)).toEqual(["Да", "Нет"]);

    const bot = botFor(fake);
    const totals: number[][] = [];
    const answers: Array<[number, number[]]> = [];
    bot.on("poll", (ctx) => { totals.push(ctx.poll.options.map((o) => o.voter_count)); });
    bot.on("poll_answer", (ctx) => { answers.push([ctx.pollAnswer.user?.id ?? 0, ctx.pollAnswer.option_ids]); });
    void bot.start();
    fake.pollAnswer(pollId, fake.user({ id: 31 }), [1]);
    fake.pollAnswer(pollId, { id: 32, first_name: "B" }, [0]);
    fake.pollAnswer(pollId, { id: 32, first_name: "B" }, []);
    fake.pollUpdate(pollId, [5, 3]);
    fake.pollUpdate(pollId, [4, 3]); // an older snapshot arriving late
    await fake.waitForIdle();
    await bot.stop();

    expect(answers).toEqual([[31, [1]], [32, [0]], [32, []]]);
    expect(totals).toEqual([[5, 3], [4, 3]]);
    const stopped = await api.stopPoll(-4000, sent.message_id);
    expect(stopped).toMatchObject({ id: pollId, is_closed: true, total_voter_count: 7 });
    expect((await apiError(api.stopPoll(-4000, sent.message_id))).description).toBe("Bad Request: poll has already been closed");
  });
});

describe("media", () => {
  it("should record multipart uploads with their text fields", async () => {
    await api.sendPhoto(8, new InputFile(Buffer.from([0xff, 0xd8, 0x00]), "a.jpg"), { caption: "Қарағанды" });
    const call = fake.callsTo("sendPhoto")[0];
    expect(call).toMatchObject({ bodyKind: "multipart", params: { chat_id: "8", caption: "Қарағанды" } });
    expect(call?.uploads).toHaveLength(1);
    expect(fake.messages(8)[0]?.photo).toMatch(/^attach:\/\//);
  });

  it("should send media groups sharing one media_group_id", async () => {
    const msgs = await api.sendMediaGroup(1, [
      { type: "photo", media: "https://x.kz/1.jpg", caption: "<b>One</b>", parse_mode: "HTML" },
      { type: "photo", media: "AgACfileid" },
    ]);
    expect(msgs.map((m) => m.message_id)).toEqual([1, 2]);
    expect(new Set(msgs.map((m) => ("media_group_id" in m ? m.media_group_id : undefined))).size).toBe(1);
    expect(msgs[0] && "media_group_id" in msgs[0] && msgs[0].media_group_id).toBeTruthy();
    expect(msgs[0]?.caption).toBe("One");
    expect(fake.messages(1).map((m) => m.photo)).toEqual(["https://x.kz/1.jpg", "AgACfileid"]);
    expect((await apiError(api.sendMediaGroup(1, [{ type: "photo", media: "a" }]))).error_code).toBe(400);
  });
});
