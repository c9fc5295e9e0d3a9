import { afterEach, describe, expect, it } from "vitest";
import { errors } from "../support/fake-telegram/index.ts";
import { EDITOR_CHAT_ID, startTestApp, type TestApp } from "../support/app.ts";

let seq = 0;
const article = (over: Record<string, unknown> = {}) => ({
  externalId: `f-${++seq}`, url: `https://ekaraganda.kz/news/f${seq}`, title: `Материал ${seq}`, lead: "Лид.", ...over,
});

describe("delivery when Telegram says no", () => {
  let t: TestApp;
  afterEach(() => t.close());

  it("waits out a 429 storm and still posts every article exactly once", async () => {
    t = await startTestApp({ env: { CHANNELS: "@news_a:ru,@news_b:ru,@news_c:ru" } });
    // The first 12 sends are refused with retry_after=1, whichever channel they are for.
    t.fake.failNext({ method: "sendMessage", times: 12, error: errors.tooManyRequests(1) });
    const ids = Array.from({ length: 10 }, () => article());
    for (const a of ids) expect((await t.api("POST", "/api/articles", a)).status).toBe(201);
    await t.fake.waitForCalls((c) => c.method === "sendMessage" && c.response.ok, 30, { timeoutMs: 30_000 });
    await t.app.worker.idle();
    for (const chat of ["@news_a", "@news_b", "@news_c"]) {
      const urls = t.fake.messages(chat).map((m) => JSON.stringify(m.reply_markup));
      expect(urls).toHaveLength(10);
      expect(new Set(urls).size).toBe(10);
    }
    const refused = t.fake.callsTo("sendMessage").filter((c) => c.response.error_code === 429);
    expect(refused).toHaveLength(12);
  });

  it("marks a channel that removed the bot, tells the editors once, and stops trying", async () => {
    // Both articles are stored before the worker meets the refusal: an article stored after it gets no
    // delivery for a forbidden channel at all (only active channels are routed to).
    t = await startTestApp({ env: { CHANNELS: "@gone:ru,@fine:ru" }, start: false });
    t.fake.blockChat("@gone");
    await t.app.services.channels.seed(t.config.channels);
    await t.api("POST", "/api/articles", article());
    await t.api("POST", "/api/articles", article());
    await t.app.start();
    await t.fake.waitForCalls((c) => c.method === "sendMessage" && String(c.params.chat_id) === String(EDITOR_CHAT_ID), 1);
    await t.app.worker.idle();
    expect(t.fake.messages("@fine")).toHaveLength(2);
    expect(t.fake.callsTo("sendMessage").filter((c) => c.params.chat_id === "@gone")).toHaveLength(1);
    const notices = t.fake.messages(EDITOR_CHAT_ID);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain("@gone");
    const channels = await t.database.db.channel.findMany({ orderBy: { id: "asc" } });
    expect(channels.map((c) => c.status)).toEqual(["forbidden", "active"]);
    const list = await t.api("GET", "/api/articles?limit=2");
    expect(list.body.items[0].deliveries[0]).toMatchObject({ channel: "@gone", channelStatus: "forbidden", state: "pending" });

    // An editor re-enables the channel after adding the bot back: the waiting posts go out.
    t.fake.reset();
    await t.app.services.channels.add("@gone", "ru");
    await t.fake.waitForCalls((c) => c.method === "sendMessage" && c.params.chat_id === "@gone" && c.response.ok, 2);
  });

  it("follows a group that became a supergroup", async () => {
    t = await startTestApp({ env: { CHANNELS: "-4001:ru" } });
    t.fake.migrateChat(-4001, -1004001);
    await t.api("POST", "/api/articles", article());
    await t.fake.waitForCall((c) => c.method === "sendMessage" && c.params.chat_id === -1004001 && c.response.ok);
    await t.app.worker.idle();
    const [channel] = await t.database.db.channel.findMany();
    expect(channel!.chatId).toBe("-1004001");
    expect(t.fake.messages(EDITOR_CHAT_ID)[0]!.text).toContain("-1004001");
  });

  it("keeps posts while Telegram is down and sends them when it is back", async () => {
    t = await startTestApp({ env: { CHANNELS: "@down:ru" } });
    t.fake.failNext({ method: "sendMessage", times: 2, error: errors.internal() });
    t.fake.failNext({ method: "sendMessage", times: 1, error: errors.networkDrop });
    const a = article();
    await t.api("POST", "/api/articles", a);
    await t.fake.waitForCalls((c) => c.method === "sendMessage" && !c.response.ok, 2, { timeoutMs: 20_000 });
    await t.fake.waitForCall((c) => c.method === "sendMessage" && c.response.ok, { timeoutMs: 20_000 });
    await t.app.worker.idle();
    expect(t.fake.messages("@down")).toHaveLength(1);
  });

  it("posts as text when Telegram cannot fetch the image", async () => {
    t = await startTestApp({ env: { CHANNELS: "@images:ru" } });
    t.fake.failNext({ method: "sendPhoto", error: errors.badRequest("wrong type of the web page content") });
    await t.api("POST", "/api/articles", article({ imageUrl: "https://ekaraganda.kz/broken.jpg" }));
    await t.fake.waitForCall((c) => c.method === "sendMessage" && c.response.ok);
    await t.app.worker.idle();
    expect(t.fake.messages("@images")).toHaveLength(1);
    const got = await t.api("GET", `/api/articles/f-${seq}`);
    expect(got.body.deliveries[0]).toMatchObject({ state: "sent", kind: "text" });
  });

  it("marks a post Telegram refuses for good as failed and tells the editors", async () => {
    t = await startTestApp({ env: { CHANNELS: "@strict:ru" } });
    t.fake.failNext({ method: "sendMessage", chatId: "@strict", error: errors.badRequest("some new rule") });
    await t.api("POST", "/api/articles", article());
    await t.fake.waitForCall((c) => c.method === "sendMessage" && String(c.params.chat_id) === String(EDITOR_CHAT_ID));
    const got = await t.api("GET", `/api/articles/f-${seq}`);
    expect(got.body.deliveries[0]).toMatchObject({ state: "failed", lastError: "Bad Request: some new rule" });
  });
});

describe("a send whose answer is lost", () => {
  it("looks for the post before sending it again, so the channel has it once", async () => {
    const t = await startTestApp({ env: { CHANNELS: "@lost_answers:ru" } });
    try {
      await t.api("POST", "/api/articles", article());
      await t.app.worker.idle();
      // Telegram posts the second article, but the connection dies before its answer arrives.
      t.fake.failNext({ method: "sendMessage", error: errors.dropAfterHandling });
      const second = article();
      await t.api("POST", "/api/articles", second);
      await t.fake.waitForCall((c) => c.method === "editMessageReplyMarkup", { timeoutMs: 20_000 });
      await t.app.worker.idle();
      expect(t.fake.messages("@lost_answers")).toHaveLength(2);
      expect(t.fake.callsTo("sendMessage")).toHaveLength(2);
      const got = await t.api("GET", `/api/articles/${second.externalId}`);
      expect(got.body.deliveries[0]).toMatchObject({ state: "sent", messageId: t.fake.messages("@lost_answers")[1]!.message_id });
    } finally {
      await t.close();
    }
  });

  it("sends it when the lost request never reached Telegram", async () => {
    const t = await startTestApp({ env: { CHANNELS: "@lost_requests:ru" } });
    try {
      await t.api("POST", "/api/articles", article());
      await t.app.worker.idle();
      t.fake.failNext({ method: "sendMessage", error: errors.networkDrop });
      await t.api("POST", "/api/articles", article());
      await t.fake.waitForCall((c) => c.method === "sendMessage" && c.response.ok && t.fake.messages("@lost_requests").length === 2, { timeoutMs: 20_000 });
      await t.app.worker.idle();
      expect(t.fake.messages("@lost_requests")).toHaveLength(2);
      // It looked first: the ten ids after the last confirmed post held nothing of ours.
      const probes = t.fake.callsTo("editMessageReplyMarkup");
      expect(probes.map((c) => c.params.message_id)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect(probes.map((c) => c.response.description)).toEqual(Array(10).fill("Bad Request: message to edit not found"));
      expect(probes.at(-1)!.at).toBeLessThan(t.fake.callsTo("sendMessage").at(-1)!.at + 1);
    } finally {
      await t.close();
    }
  });
});
