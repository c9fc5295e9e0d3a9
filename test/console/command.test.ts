// /console: how an editor opens the console from Telegram, and what everyone else hears.
import { afterEach, describe, expect, it } from "vitest";
import { startTestApp, EDITOR_CHAT_ID, type TestApp } from "../support/app.ts";
import { trackHandling } from "../tips/driver.ts";

const GROUP = { id: EDITOR_CHAT_ID, type: "supergroup", title: "Newsroom" };
type Button = { text: string; url?: string; web_app?: { url: string } };
const buttons = (markup: unknown) => ((markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat();

describe("/console", () => {
  let t: TestApp;
  afterEach(() => t.close());

  async function start(env: Record<string, string> = {}) {
    t = await startTestApp({ env: { ADMIN_IDS: "777", ...env } });
    t.fake.addChat({ id: EDITOR_CHAT_ID, type: "supergroup", title: "Newsroom" });
    return trackHandling(t);
  }

  it("gives an editor in private a web_app button, a one-time browser link, and the console as menu button", async () => {
    const settle = await start({ PUBLIC_URL: "https://news-bot.example.kz" });
    t.fake.setMember(EDITOR_CHAT_ID, 501, "member");
    t.fake.user({ id: 501, first_name: "Aigerim", language_code: "kk" }).sendText("/console");
    await settle();
    const reply = t.fake.messages(501).at(-1)!;
    expect(reply.text).toBe(t.app.translate("kk", "console-open-private"));
    const [open, browser] = buttons(reply.reply_markup);
    expect(open).toEqual({ text: t.app.translate("kk", "console-button-open"), web_app: { url: "https://news-bot.example.kz/app/" } });
    expect(browser!.url).toMatch(/^https:\/\/news-bot\.example\.kz\/app\/login\?token=[A-Za-z0-9_-]{43}$/);
    const menu = t.fake.callsTo("setChatMenuButton").find((c) => String(c.params.chat_id) === "501")!;
    expect(menu.params.menu_button).toEqual({ type: "web_app", text: t.app.translate("kk", "console-menu-button"), web_app: { url: "https://news-bot.example.kz/app/" } });
    // The link signs in once.
    const token = new URL(browser!.url!).searchParams.get("token")!;
    expect(await t.app.services.consoleSessions.redeem(token)).not.toBeNull();
    expect(await t.app.services.consoleSessions.redeem(token)).toBeNull();
    expect(t.logText()).not.toContain(token);
  });

  it("links to the bot's private chat from the editors' group, where web_app buttons do not work", async () => {
    const settle = await start({ PUBLIC_URL: "https://news-bot.example.kz" });
    t.fake.user({ id: 502, first_name: "Daniyar" }).sendText("/console", { chat: GROUP });
    await settle();
    const reply = t.fake.messages(EDITOR_CHAT_ID).at(-1)!;
    expect(buttons(reply.reply_markup)).toEqual([{ text: t.app.translate("ru", "console-button-open"), url: `https://t.me/${t.fake.botInfo.username}?start=console` }]);
    expect(JSON.stringify(reply)).not.toContain("token=");
    // …and /start console there answers like /console.
    t.fake.setMember(EDITOR_CHAT_ID, 502, "member");
    t.fake.user({ id: 502, first_name: "Daniyar" }).sendText("/start console");
    await settle();
    expect(buttons(t.fake.messages(502).at(-1)!.reply_markup)[0]!.web_app).toEqual({ url: "https://news-bot.example.kz/app/" });
  });

  it("says what to configure without PUBLIC_URL, and refuses a citizen", async () => {
    const settle = await start();
    t.fake.setMember(EDITOR_CHAT_ID, 503, "left");
    t.fake.user({ id: 777, first_name: "Admin", language_code: "en" }).sendText("/console");
    t.fake.user({ id: 503, first_name: "Citizen", language_code: "ru" }).sendText("/console");
    await settle();
    expect(t.fake.messages(777).at(-1)!.text).toBe(t.app.translate("en", "console-not-configured"));
    expect(t.fake.messages(503).at(-1)!.text).toBe(t.app.translate("ru", "error-not-editor"));
    expect(await t.database.db.consoleSession.count()).toBe(0);
  });

  it("gives a plain link for a local try over http (Telegram refuses http buttons)", async () => {
    const settle = await start({ PUBLIC_URL: "http://localhost:8080" });
    t.fake.user({ id: 777, first_name: "Admin", language_code: "en" }).sendText("/console");
    await settle();
    const reply = t.fake.messages(777).at(-1)!;
    expect(reply.reply_markup).toBeUndefined();
    expect(reply.text).toMatch(/http:\/\/localhost:8080\/app\/login\?token=[A-Za-z0-9_-]{43}$/);
  });
});
