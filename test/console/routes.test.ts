// The console's JSON API against the whole app: the same actions as the desk, careless and hostile input
// answered with a clear 4xx, and nothing of a citizen's identity going where it should not.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, EDITOR_CHAT_ID, type TestApp } from "../support/app.ts";
import { launchData } from "../support/browser.ts";
import { Citizen, desk, sendFullTip, trackHandling } from "../tips/driver.ts";

const EDITOR = { id: 501, first_name: "Aigerim", language_code: "ru" };

describe("console API", () => {
  let t: TestApp;
  let settle: () => Promise<void>;
  let auth: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { CHANNELS: "@karaganda_news:ru" } });
    settle = trackHandling(t);
    t.fake.addChat({ id: EDITOR_CHAT_ID, type: "supergroup", title: "Newsroom" });
    t.fake.addChat({ id: -1002000000001, type: "channel", title: "Karaganda News", username: "karaganda_news" });
    t.fake.setMember(EDITOR_CHAT_ID, EDITOR.id, "member");
    auth = `tma ${launchData(t.fake.token, EDITOR)}`;
  });
  afterAll(() => t.close());

  const call = async (method: "GET" | "POST", url: string, body?: unknown) => {
    const response = await t.app.server.inject({
      method, url, headers: { authorization: auth, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined, headers: response.headers };
  };

  async function newTip(id: number, options: { consent?: string; photos?: number; language?: string } = {}) {
    const citizen = new Citizen(t, settle, id, options.language ?? "en");
    await sendFullTip(citizen, { photos: options.photos ?? 1, consent: options.consent ?? "anonymous", text: `Water is off in block ${id} since the morning` });
    const tip = (await t.app.services.tips.list({ limit: 1 }))[0]!;
    return { citizen, tip };
  }

  it("lists tips with filters and shows one with its contact, place and files (by reference only)", async () => {
    const { tip } = await newTip(4200, { photos: 2 });
    const list = await call("GET", "/app/api/tips?status=open&topic=utilities");
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ reference: tip.reference, status: "new", files: 2, hasPlace: true, hasContact: true, onDesk: true });
    expect((await call("GET", "/app/api/tips?status=spam")).body.items.map((i: { reference: string }) => i.reference)).not.toContain(tip.reference);
    const one = await call("GET", `/app/api/tips/${tip.reference}`);
    expect(one.body).toMatchObject({ contactPhone: "+77011234567", authorName: null, files: [{ index: 0, kind: "photo" }, { index: 1, kind: "photo" }] });
    // An internal id is not a reference: one lookup per namespace.
    expect((await call("GET", `/app/api/tips/${tip.id}`)).status).toBe(404);
    expect((await call("GET", `/app/api/tips/${tip.reference}x`)).status).toBe(404);
  });

  it("streams a tip's photo through getFile, never exposing Telegram's file URL", async () => {
    const tip = (await t.app.services.tips.list({ limit: 1 }))[0]!;
    const file = await t.app.server.inject({ method: "GET", url: `/app/api/tips/${tip.reference}/files/1`, headers: { authorization: auth } });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("image/jpeg");
    expect(file.headers["x-content-type-options"]).toBe("nosniff");
    expect(file.body).toBe(`fake file files/${encodeURIComponent(tip.attachments[1]!.fileId)}`);
    for (const index of ["2", "-1", "voice", "../0", "99999999999"]) {
      expect((await call("GET", `/app/api/tips/${tip.reference}/files/${encodeURIComponent(index)}`)).status, index).toBe(404);
    }
    expect(t.logText()).not.toContain(`/file/bot${t.fake.token}`);
  });

  it("refuses bad filters and bad bodies by field, and leaves the tip as it was", async () => {
    const tip = (await t.app.services.tips.list({ limit: 1 }))[0]!;
    const bad = await call("GET", "/app/api/tips?status=done&limit=0&topic=%F0%9F%94%A5");
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(["limit", "status", "topic"]);
    for (const body of [{}, { text: "   " }, { text: 42 }, { text: "x".repeat(3001) }]) {
      const reply = await call("POST", `/app/api/tips/${tip.reference}/reply`, body);
      expect(reply.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(Object.keys(reply.body.fields)).toEqual(["text"]);
    }
    expect((await call("POST", `/app/api/tips/${tip.reference}/explode`, {})).status).toBe(404);
    // Not accepted yet: there is no draft to publish.
    const early = await call("POST", `/app/api/tips/${tip.reference}/publish-draft`, { title: "Water is back", url: "https://ekaraganda.kz/?id=1" });
    expect(early).toMatchObject({ status: 409, body: { error: "no-draft" } });
    expect((await t.app.services.tips.get(tip.id)).status).toBe("new");
  });

  it("accepts like the desk's button: citizen told, draft made, the card shows the outcome and the editor", async () => {
    const { citizen, tip } = await newTip(4201);
    const accepted = await call("POST", `/app/api/tips/${tip.reference}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: "accepted", handledBy: "Aigerim", article: { status: "draft" } });
    expect(citizen.lastSaid()).toBe(t.app.translate("en", "tip-notify-accepted", { reference: tip.reference }));
    await t.app.services.tipActions.idle();
    const card = desk(t).find((m) => m.message_id === tip.cardMessageId)!;
    expect(card.text).toContain(`${t.app.translate("ru", "tip-status-accepted")} · ${t.app.translate("ru", "tip-card-by", { editor: "Aigerim" })}`);
    // Twice is once; a refused move is a 409 with the reason.
    const said = citizen.said().length;
    expect((await call("POST", `/app/api/tips/${tip.reference}/accept`)).status).toBe(200);
    expect(citizen.said()).toHaveLength(said);
    expect((await t.app.services.tips.get(tip.id)).status).toBe("accepted");
  });

  it("publishes an accepted tip's draft to the channels when the tipster allowed it, with the editor's title and link", async () => {
    const { citizen, tip } = await newTip(4202, { consent: "name", photos: 0, language: "ru" });
    await call("POST", `/app/api/tips/${tip.reference}/accept`);
    const invalid = await call("POST", `/app/api/tips/${tip.reference}/publish-draft`, { title: "", url: "javascript:alert(1)" });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.fields).sort()).toEqual(["title", "url"]);
    const published = await call("POST", `/app/api/tips/${tip.reference}/publish-draft`, {
      title: "Water off in block 4202 <since morning>", lead: "Residents say the water has been off since 7 am.", url: "https://ekaraganda.kz/?mod=news_read&id=50002",
    });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe("published");
    await t.app.worker.idle();
    const post = t.fake.messages("@karaganda_news").at(-1)!;
    expect(post.text).toContain("Water off in block 4202 <since morning>");
    expect(citizen.lastSaid()).toBe(t.app.translate("ru", "tip-notify-published", { reference: tip.reference }));
  });

  it("refuses to publish a tip whose author said it is not for publication", async () => {
    const { tip } = await newTip(4203, { consent: "none", photos: 0 });
    await call("POST", `/app/api/tips/${tip.reference}/accept`);
    const refused = await call("POST", `/app/api/tips/${tip.reference}/publish-draft`, { title: "Nope", url: "https://ekaraganda.kz/?id=2" });
    expect(refused).toMatchObject({ status: 409, body: { error: "no-consent" } });
    const article = await t.database.db.article.findUniqueOrThrow({ where: { tipId: tip.id }, include: { deliveries: true } });
    expect(article.status).toBe("draft");
    expect(article.deliveries).toHaveLength(0);
  });

  it("bans and unbans: the desk card offers Unban, and the citizen may send tips again", async () => {
    const { citizen, tip } = await newTip(4204, { photos: 0 });
    expect((await call("POST", `/app/api/tips/${tip.reference}/ban`)).body).toMatchObject({ status: "spam", senderBanned: true });
    await t.app.services.tipActions.idle();
    let card = desk(t).find((m) => m.message_id === tip.cardMessageId)!;
    expect(card.text).toContain(t.app.translate("ru", "tip-card-sender-banned"));
    expect(JSON.stringify(card.reply_markup)).toContain(`tip:unban:${tip.id}`);
    expect((await call("POST", `/app/api/tips/${tip.reference}/reply`, { text: "hello?" })).status).toBe(409);
    await citizen.text("/tip");
    expect(citizen.lastSaid()).toBe(t.app.translate("en", "tip-banned"));

    expect((await call("POST", `/app/api/tips/${tip.reference}/unban`)).body).toMatchObject({ status: "spam", senderBanned: false });
    await t.app.services.tipActions.idle();
    card = desk(t).find((m) => m.message_id === tip.cardMessageId)!;
    expect(card.text).toContain(t.app.translate("ru", "tip-card-sender-unbanned"));
    await citizen.text("/tip");
    expect(citizen.lastSaid()).toBe(t.app.translate("en", "tip-ask-topic"));
    await citizen.text("/cancel");
  });

  it("unbans from the desk's button too", async () => {
    const { tip } = await newTip(4205, { photos: 0 });
    await call("POST", `/app/api/tips/${tip.reference}/ban`);
    await t.app.services.tipActions.idle();
    const card = desk(t).find((m) => m.message_id === tip.cardMessageId)!;
    t.fake.user({ id: 77, first_name: "Daniyar" }).press(card, `tip:unban:${tip.id}`);
    await settle();
    expect((await t.app.services.users.byId(tip.userId!))?.isBanned).toBe(false);
    expect(desk(t).find((m) => m.message_id === tip.cardMessageId)!.text).toContain("Daniyar");
  });

  it("says why an answer did not reach a citizen who blocked the bot", async () => {
    const { citizen, tip } = await newTip(4206, { photos: 0 });
    t.fake.blockChat(citizen.id);
    const reply = await call("POST", `/app/api/tips/${tip.reference}/reply`, { text: "Are you there?" });
    expect(reply).toMatchObject({ status: 502, body: { error: "not_delivered" } });
    expect((await t.app.services.users.byId(tip.userId!))?.reachable).toBe(false);
  });

  it("lists posts with their delivery states, retries a failed one and withdraws", async () => {
    t.fake.failNext({ method: "sendMessage", chatId: "@karaganda_news", error: { kind: "badRequest", description: "Bad Request: can't parse entities" } } as never);
    await t.api("POST", "/api/articles", { externalId: "77001", url: "https://ekaraganda.kz/?id=77001", title: "Снег в Караганде", language: "ru" });
    await t.app.worker.idle();
    const article = (await call("GET", "/app/api/articles?limit=5")).body.items.find((a: { externalId: string }) => a.externalId === "77001");
    expect(article.deliveries[0]).toMatchObject({ state: "failed", error: "Bad Request: can't parse entities", link: null });
    const preview = await call("GET", `/app/api/articles/${article.id}/preview`);
    expect(preview.body.posts[0]).toMatchObject({ language: "ru", kind: "text", html: "<b>Снег в Караганде</b>", button: { url: "https://ekaraganda.kz/?id=77001" } });
    expect((await call("POST", `/app/api/articles/${article.id}/retry`)).status).toBe(200);
    await t.app.worker.idle();
    const sent = (await call("GET", `/app/api/articles/${article.id}`)).body;
    expect(sent.deliveries[0]).toMatchObject({ state: "sent", link: `https://t.me/karaganda_news/${t.fake.messages("@karaganda_news").at(-1)!.message_id}` });
    expect((await call("POST", `/app/api/articles/${article.id}/withdraw`)).body.status).toBe("withdrawn");
    for (const id of ["77001", "0", "-1", "1e3", "99999999999"]) expect((await call("GET", `/app/api/articles/${id}`)).status, id).toBe(404);
    expect((await call("GET", "/app/api/articles?limit=101")).status).toBe(400);
  });

  it("shows a poll's merged results and closes it", async () => {
    const { body } = await t.api("POST", "/api/polls", { question: "Ремонт дорог?", options: ["Да", "Нет"], language: "ru", siteVotes: [2, 0] });
    const view = await call("GET", `/app/api/polls/${body.id}`);
    expect(view.body).toMatchObject({ status: "open", options: [{ text: "Да", site: 2, total: 2, percent: 100 }, { text: "Нет", total: 0 }] });
    expect((await call("POST", `/app/api/polls/${body.id}/close`)).body.status).toBe("closed");
    expect((await call("GET", "/app/api/polls")).body.items[0].id).toBe(body.id);
    expect((await call("GET", "/app/api/polls/abc")).status).toBe(404);
  });

  it("shows the readers' figures and the broadcasts' progress, as /api/subscribers/stats and /api/broadcasts do", async () => {
    expect((await call("GET", "/app/api/me")).body.features).toEqual({ readers: true });
    const reader = t.fake.user({ id: 4290, first_name: "Reader", language_code: "kk" });
    reader.sendText("/subscribe");
    await settle();
    const announced = await t.api("POST", "/api/broadcasts", { text: "Ертең газет шықпайды." });
    expect(announced.status).toBe(202);
    const { status, body } = await call("GET", "/app/api/readers");
    expect(status).toBe(200);
    const stats = (await t.api("GET", "/api/subscribers/stats")).body;
    expect(body.stats).toEqual({ subscribed: stats.subscribed, blocked: stats.blocked, change7d: stats.change7d.net, byLanguage: stats.byLanguage });
    expect(body.stats.byLanguage.kk).toBeGreaterThanOrEqual(1);
    expect(body.broadcasts[0]).toMatchObject({ id: announced.body.id, kind: "announcement" });
  });

  it("serves the web app at /app/ with a CSP that lets Telegram Web frame it", async () => {
    const page = await t.app.server.inject({ method: "GET", url: "/app/" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-security-policy"]).toContain("frame-ancestors 'self' https://web.telegram.org");
    expect(page.body).toContain('<div id="app">');
    expect((await t.app.server.inject({ method: "GET", url: "/app" })).headers.location).toBe("/app/");
  });
});
