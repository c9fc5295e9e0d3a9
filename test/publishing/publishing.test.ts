import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";

const RU = "@karaganda_news";
const KK = "-1001234567890";
let seq = 0;
const article = (over: Record<string, unknown> = {}) => ({
  externalId: `art-${++seq}`, url: `https://ekaraganda.kz/news/${seq}`, title: `Новость ${seq}`, lead: "Коротко о главном.",
  section: "Город", tags: ["дороги"], ...over,
});

describe("publishing articles to channels", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CHANNELS: `${RU}:ru,${KK}:kk` } });
  });
  afterAll(() => t.close());
  beforeEach(() => t.fake.reset());

  async function publish(body: Record<string, unknown>) {
    const res = await t.api("POST", "/api/articles", body);
    await t.app.worker.idle();
    return res;
  }

  it("posts an article once, to the channel of its language only, and reports the message id", async () => {
    const a = article({ language: "kk" });
    const res = await publish(a);
    expect(res.status).toBe(201);
    expect(t.fake.messages(KK)).toHaveLength(1);
    expect(t.fake.messages(RU)).toHaveLength(0);
    const got = await t.api("GET", `/api/articles/${a.externalId}`);
    expect(got.body.deliveries).toEqual([expect.objectContaining({ channel: KK, state: "sent", messageId: t.fake.messages(KK)[0]!.message_id })]);
    expect(t.fake.messages(KK)[0]!.reply_markup).toEqual({ inline_keyboard: [[{ text: "Толығырақ", url: a.url }]] });
  });

  it("sends nothing for an unchanged re-submission", async () => {
    const a = article();
    await publish(a);
    // Calls to Telegram other than the long poll (which asks again every few seconds on its own).
    const sent = () => t.fake.calls.filter((c) => c.method !== "getUpdates").length;
    const before = sent();
    const again = await publish(a);
    expect(again.status).toBe(200);
    expect(again.body.changed).toBe(false);
    expect(sent()).toBe(before);
  });

  it("edits the channel post when the article changes", async () => {
    const a = article();
    await publish(a);
    const res = await publish({ ...a, title: "Новость: уточнение" });
    expect(res.status).toBe(200);
    const [post] = t.fake.messages(RU).filter((m) => m.reply_markup && JSON.stringify(m.reply_markup).includes(a.url));
    expect(post!.text).toContain("Новость: уточнение");
    expect(post!.edits).toBe(1);
    expect(t.fake.callsTo("editMessageText")).toHaveLength(1);
    expect(t.fake.callsTo("sendMessage")).toHaveLength(1);
  });

  it("replaces the photo when the image changes and edits the caption otherwise", async () => {
    const a = article({ imageUrl: "https://ekaraganda.kz/img/a.jpg" });
    await publish(a);
    expect(t.fake.callsTo("sendPhoto")).toHaveLength(1);
    await publish({ ...a, lead: "Новый лид." });
    expect(t.fake.callsTo("editMessageCaption")).toHaveLength(1);
    await publish({ ...a, lead: "Новый лид.", imageUrl: "https://ekaraganda.kz/img/b.jpg" });
    const media = t.fake.callsTo("editMessageMedia");
    expect(media).toHaveLength(1);
    expect((media[0]!.params.media as { media: string }).media).toBe("https://ekaraganda.kz/img/b.jpg");
  });

  it("deletes the posts of a withdrawn article", async () => {
    const a = article();
    await publish(a);
    const res = await t.api("DELETE", `/api/articles/${a.externalId}`);
    expect(res.status).toBe(200);
    await t.app.worker.idle();
    expect(t.fake.callsTo("deleteMessage")).toHaveLength(1);
    const got = await t.api("GET", `/api/articles/${a.externalId}`);
    expect(got.body.status).toBe("withdrawn");
    expect(got.body.deliveries[0].state).toBe("withdrawn");
    expect(t.fake.messages(RU).some((m) => JSON.stringify(m.reply_markup).includes(a.url))).toBe(false);
  });

  it("turns a post older than 48 hours into a withdrawal notice instead of deleting it", async () => {
    const a = article();
    await publish(a);
    // Telegram's clock moves on; our record of when it was sent says two days ago.
    t.fake.clock.advance(49 * 3600_000);
    await t.database.db.delivery.updateMany({ where: { article: { externalId: a.externalId } }, data: { sentAt: new Date(Date.now() - 49 * 3600_000) } });
    await t.api("DELETE", `/api/articles/${a.externalId}`);
    await t.app.worker.idle();
    expect(t.fake.callsTo("deleteMessage")).toHaveLength(0);
    const edit = t.fake.callsTo("editMessageText").at(-1)!;
    expect(edit.params.text).toBe("<i>Материал снят с публикации.</i>");
    expect(edit.params.reply_markup).toEqual({ inline_keyboard: [] });
  });

  it("falls back to the notice when Telegram refuses to delete", async () => {
    const a = article();
    await publish(a);
    t.fake.clock.advance(49 * 3600_000); // our record says "young", Telegram says "too old"
    await t.api("DELETE", `/api/articles/${a.externalId}`);
    await t.app.worker.idle();
    expect(t.fake.callsTo("deleteMessage")[0]!.response.ok).toBe(false);
    expect(t.fake.callsTo("editMessageText").at(-1)!.params.text).toBe("<i>Материал снят с публикации.</i>");
  });

  it("schedules an article with a future publishAt", async () => {
    const publishAt = new Date(Date.now() + 1500); // room for a busy machine to check that nothing went out early
    const a = article({ publishAt: publishAt.toISOString() });
    const res = await t.api("POST", "/api/articles", a);
    expect(res.body.status).toBe("scheduled");
    await t.app.worker.idle();
    expect(t.fake.callsTo("sendMessage")).toHaveLength(0);
    const sent = await t.fake.waitForCall((c) => c.method === "sendMessage");
    // When the fake took the post, on its own clock (which an earlier test moved ahead by a constant).
    const skew = t.fake.clock.now() - Date.now();
    expect(sent.at - skew).toBeGreaterThanOrEqual(publishAt.getTime());
  });

  it("posts the same article pushed twice at once exactly once", async () => {
    const a = article();
    const results = await Promise.all([t.api("POST", "/api/articles", a), t.api("POST", "/api/articles", a), t.api("POST", "/api/articles", a)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    await t.app.worker.idle();
    expect(t.fake.callsTo("sendMessage")).toHaveLength(1);
  });

  it("accepts hostile titles and Telegram accepts what we send", async () => {
    const a = article({ title: "<script>alert('x')</script> & <b>bold", lead: "1 < 2 && 3 > 2 </i>" });
    await publish(a);
    const [call] = t.fake.callsTo("sendMessage");
    expect(call!.response.ok).toBe(true);
    expect(t.fake.messages(RU)[0]!.text).toBe("<script>alert('x')</script> & bold\n\n1 < 2 && 3 > 2\n\n#Город #дороги");
  });

  it("keeps a 4,000-word article within Telegram's limits", async () => {
    const body = Array.from({ length: 4000 }, (_, i) => `слово${i}`).join(" ");
    await publish(article({ lead: null, body, imageUrl: "https://ekaraganda.kz/img/long.jpg" }));
    const [call] = t.fake.callsTo("sendMessage");
    expect(call!.response.ok).toBe(true);
    expect(t.fake.messages(RU)[0]!.text!.length).toBeLessThanOrEqual(4096);
    expect(call!.params.link_preview_options).toEqual({ url: "https://ekaraganda.kz/img/long.jpg", prefer_large_media: true, show_above_text: true });
  });
});

describe("notifications", () => {
  // The newsroom's clock decides, not the machine's: 23-7 in Asia/Almaty (UTC+5).
  let now = new Date("2026-11-28T07:00:00Z"); // 12:00 in Almaty
  const clock = { now: () => now };
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock, env: { CHANNELS: "@quiet_news:ru", QUIET_HOURS: "23-7", TIMEZONE: "Asia/Almaty" } });
  });
  afterAll(() => t.close());

  async function post(at: string, over: Record<string, unknown> = {}) {
    now = new Date(at);
    const a = article(over);
    await t.api("POST", "/api/articles", a);
    await t.app.worker.idle();
    const call = t.fake.callsTo("sendMessage").find((c) => JSON.stringify(c.params.reply_markup).includes(a.url))!;
    const stored = await t.database.db.delivery.findFirstOrThrow({ where: { article: { externalId: a.externalId } } });
    return { sound: call.params.disable_notification === false, stored };
  }

  it("posts ordinary news with a sound outside quiet hours", async () => {
    for (const at of ["2026-11-28T07:00:00Z", "2026-11-28T02:00:00Z", "2026-11-28T17:59:00Z"]) { // 12:00, 07:00, 22:59
      const { sound, stored } = await post(at);
      expect([at, sound, stored.silent]).toEqual([at, true, false]);
    }
  });

  it("posts ordinary news silently during quiet hours and breaking news with a sound", async () => {
    for (const at of ["2026-11-28T18:00:00Z", "2026-11-28T01:59:00Z"]) { // 23:00, 06:59
      const { sound, stored } = await post(at);
      expect([at, sound, stored.silent]).toEqual([at, false, true]);
    }
    const breaking = await post("2026-11-28T20:00:00Z", { breaking: true, title: "Пожар на Бухар-Жырау" }); // 01:00
    expect([breaking.sound, breaking.stored.silent]).toEqual([true, false]);
    expect(String(t.fake.callsTo("sendMessage").at(-1)!.params.text)).toMatch(/^<b>⚡ Срочно: Пожар/);
  });
});
