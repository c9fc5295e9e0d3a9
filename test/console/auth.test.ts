// Who gets into the console: Telegram's signed launch data or a login-link session, editors only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, EDITOR_CHAT_ID, type TestApp } from "../support/app.ts";
import { launchData } from "../support/browser.ts";
import { signInitData, verifyInitData } from "../../src/console/init-data.ts";

const EDITOR = { id: 501, first_name: "Aigerim", last_name: "Editorova", language_code: "kk" };
const ADMIN = { id: 777, first_name: "Admin" };
const STRANGER = { id: 999, first_name: "Stranger" };

describe("console auth", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ADMIN_IDS: String(ADMIN.id), PUBLIC_URL: "https://news-bot.example.kz" } });
    t.fake.addChat({ id: EDITOR_CHAT_ID, type: "supergroup", title: "Newsroom" });
    t.fake.setMember(EDITOR_CHAT_ID, EDITOR.id, "member");
    t.fake.setMember(EDITOR_CHAT_ID, STRANGER.id, "left");
  });
  afterAll(() => t.close());

  const me = (authorization?: string, cookie?: string) => t.app.server.inject({
    method: "GET", url: "/app/api/me", headers: { ...(authorization ? { authorization } : {}), ...(cookie ? { cookie } : {}) },
  });

  it("lets in a member of the editors' group with launch data signed by the bot's token, in their language", async () => {
    const response = await me(`tma ${launchData(t.fake.token, EDITOR)}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ editor: { id: "501", name: "Aigerim Editorova" }, locale: "kk", bot: t.fake.botInfo.username });
  });

  it("lets in ADMIN_IDS without asking Telegram", async () => {
    const before = t.fake.callsTo("getChatMember").length;
    expect((await me(`tma ${launchData(t.fake.token, ADMIN)}`)).statusCode).toBe(200);
    expect(t.fake.callsTo("getChatMember")).toHaveLength(before);
  });

  it("refuses launch data signed with another token, tampered with, replayed after a day, or doubled", async () => {
    const other = launchData("654321:ANOTHER-BOT", EDITOR);
    const forged = launchData(t.fake.token, EDITOR).replace("Aigerim", "Aigerin");
    const stale = launchData(t.fake.token, EDITOR, Math.floor(Date.now() / 1000) - 24 * 3600 - 60);
    const doubled = `${launchData(t.fake.token, EDITOR)}&user=${encodeURIComponent(JSON.stringify(ADMIN))}`;
    for (const [data, reason] of [[other, "bad-signature"], [forged, "bad-signature"], [stale, "expired"], [doubled, "malformed"]] as const) {
      const response = await me(`tma ${data}`);
      expect(response.statusCode, reason).toBe(401);
      expect(response.json().message).toContain(reason);
      expect(Object.keys(response.json()).sort()).toEqual(["error", "message"]);
    }
    for (const junk of ["tma ", "tma hash=zz", "tma \ud800", `tma ${"a=b&".repeat(3000)}`, "Bearer x", "tma%20x"]) {
      expect((await me(junk)).statusCode, junk).toBe(401);
    }
    expect((await me()).statusCode).toBe(401);
  });

  it("refuses a person Telegram says is not in the editors' group, with 403 and nothing else", async () => {
    const response = await me(`tma ${launchData(t.fake.token, STRANGER)}`);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ error: "forbidden", message: "the console is for the newsroom's editors" });
    for (const url of ["/app/api/tips", "/app/api/articles", "/app/api/polls", "/app/api/feeds", "/app/api/tips/T-1001/files/0", "/app/api/nothing"]) {
      const other = await t.app.server.inject({ method: "GET", url, headers: { authorization: `tma ${launchData(t.fake.token, STRANGER)}` } });
      expect(other.statusCode, url).toBe(403);
    }
  });

  it("checks membership with getChatMember once a minute per person, not on every call", async () => {
    const user = { id: 502, first_name: "Second" };
    t.fake.setMember(EDITOR_CHAT_ID, user.id, "administrator");
    const asks = () => t.fake.callsTo("getChatMember").filter((c) => Number(c.params.user_id) === user.id).length;
    for (let i = 0; i < 3; i++) expect((await me(`tma ${launchData(t.fake.token, user)}`)).statusCode).toBe(200);
    expect(asks()).toBe(1);
  });

  it("turns a one-time login link into an HttpOnly SameSite session; the link works once", async () => {
    const token = await t.app.services.consoleSessions.createLoginToken({ telegramId: String(EDITOR.id), name: "Aigerim", languageCode: "ru" });
    const page = await t.app.server.inject({ method: "GET", url: `/app/login?token=${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Aigerim");
    // Opening the page (a link preview, a prefetch) does not spend the link; pressing the button does.
    const signIn = () => t.app.server.inject({ method: "POST", url: "/app/login", payload: `token=${token}`, headers: { "content-type": "application/x-www-form-urlencoded" } });
    const first = await signIn();
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe("/app/");
    const cookie = String(first.headers["set-cookie"]);
    expect(cookie).toMatch(/^habarshy_console=[A-Za-z0-9_-]{43}; Path=\/app; HttpOnly; SameSite=Strict; Max-Age=43200; Secure$/);
    expect((await me(undefined, cookie.split(";")[0])).statusCode).toBe(200);
    expect((await signIn()).statusCode).toBe(410);
    // Signing out ends the session everywhere (it lives in the database).
    await t.app.server.inject({ method: "POST", url: "/app/api/logout", headers: { cookie: cookie.split(";")[0] } });
    expect((await me(undefined, cookie.split(";")[0])).statusCode).toBe(401);
  });

  it("refuses an expired login link and a session of someone who left the group", async () => {
    const later = t.app.services.consoleSessions;
    const token = await later.createLoginToken({ telegramId: String(STRANGER.id), name: "Stranger", languageCode: null });
    const signedIn = await t.app.server.inject({ method: "POST", url: "/app/login", payload: `token=${token}`, headers: { "content-type": "application/x-www-form-urlencoded" } });
    const cookie = String(signedIn.headers["set-cookie"]).split(";")[0];
    expect((await me(undefined, cookie)).statusCode).toBe(403);
    await t.database.db.consoleSession.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await me(undefined, cookie)).statusCode).toBe(401);
    expect((await t.app.server.inject({ method: "GET", url: "/app/login?token=nonsense" })).statusCode).toBe(410);
  });
});

describe("launch data verification", () => {
  const token = "123456:TEST-TOKEN";
  const now = new Date("2026-12-03T12:00:00Z");
  const fields = { auth_date: String(now.getTime() / 1000 - 60), user: JSON.stringify({ id: 5, first_name: "Ä 🙂" }), signature: "abc" };

  it("accepts what it signed, with every field (signature too) in the data-check-string", () => {
    const verdict = verifyInitData(signInitData(fields, token), token, now);
    expect(verdict).toMatchObject({ ok: true, user: { id: 5, firstName: "Ä 🙂" } });
    const withoutSignature = new URLSearchParams(signInitData(fields, token));
    withoutSignature.delete("signature");
    expect(verifyInitData(withoutSignature.toString(), token, now)).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("refuses launch data from further than five minutes in the future and without a user", () => {
    expect(verifyInitData(signInitData({ ...fields, auth_date: String(now.getTime() / 1000 + 600) }, token), token, now)).toEqual({ ok: false, reason: "expired" });
    expect(verifyInitData(signInitData({ auth_date: fields.auth_date }, token), token, now)).toEqual({ ok: false, reason: "no-user" });
    expect(verifyInitData(signInitData({ ...fields, user: '{"id":"5"}' }, token), token, now)).toEqual({ ok: false, reason: "no-user" });
    expect(verifyInitData(signInitData({ ...fields, auth_date: "soon" }, token), token, now)).toEqual({ ok: false, reason: "malformed" });
  });
});
