/// <reference lib="dom" />
// The console in a real browser: Debian's Chromium opens /app/ the way Telegram does (signed launch data in
// the URL fragment) against the whole app and the fake Bot API. Set CONSOLE_SCREENSHOTS=docs/console to
// write the screenshots the README shows.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, EDITOR_CHAT_ID, type TestApp } from "../support/app.ts";
import { DARK_THEME, hasChromium, launchBrowser, launchData, miniAppUrl } from "../support/browser.ts";
import { Citizen, desk, sendFullTip, trackHandling } from "../tips/driver.ts";
import { hoursAgo, rss, startFeedServer, type FeedServer } from "../feeds/fixtures/feed-server.ts";

const EDITOR = { id: 501, first_name: "Aigerim", last_name: "Editorova", language_code: "ru" };
const SHOTS = process.env.CONSOLE_SCREENSHOTS;
const PHONE = { width: 390, height: 844 };

if (!hasChromium) console.error("browser tests skipped: no Chromium at /usr/bin/chromium (apt-get install -y chromium)");

describe.skipIf(!hasChromium)("the editors' console in Chromium", () => {
  let t: TestApp;
  let browser: Browser;
  let settle: () => Promise<void>;
  let feeds: FeedServer | undefined;

  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_URL: "http://localhost", CHANNELS: "@karaganda_news:ru,@karaganda_news_kz:kk" } });
    settle = trackHandling(t);
    t.fake.addChat({ id: EDITOR_CHAT_ID, type: "supergroup", title: "Newsroom" });
    t.fake.addChat({ id: -1002000000001, type: "channel", title: "Karaganda News", username: "karaganda_news" });
    t.fake.addChat({ id: -1002000000002, type: "channel", title: "Karaganda News KZ", username: "karaganda_news_kz" });
    t.fake.setMember(EDITOR_CHAT_ID, EDITOR.id, "member");
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await feeds?.close();
  });

  async function open(options: { theme?: Record<string, string>; user?: typeof EDITOR; initData?: string } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, hasTouch: true });
    const page = await context.newPage();
    await page.goto(miniAppUrl(t.app.url, options.initData ?? launchData(t.fake.token, options.user ?? EDITOR), options.theme));
    return page;
  }
  /** A small JPEG drawn by the browser itself: a sky and a street. */
  const picture = async (page: Page, colour: string) => Buffer.from((await page.evaluate((fill) => {
    const canvas = Object.assign(document.createElement("canvas"), { width: 320, height: 240 });
    const g = canvas.getContext("2d")!;
    g.fillStyle = fill; g.fillRect(0, 0, 320, 240);
    g.fillStyle = "#444"; g.fillRect(0, 160, 320, 80);
    g.fillStyle = "#ddd"; for (let x = 10; x < 320; x += 60) g.fillRect(x, 195, 30, 6);
    return canvas.toDataURL("image/jpeg", 0.8);
  }, colour)).split(",")[1]!, "base64");
  const shot = async (page: Page, name: string) => {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  };

  it("opens with Telegram's signed launch data, in the editor's language and theme; a tip is accepted and answered", async () => {
    const citizen = new Citizen(t, settle, 4100, "kk");
    await sendFullTip(citizen, { photos: 2, consent: "name", text: "Бұқар жырау даңғылындағы 12–18 үйлерде таңертеңнен бері су жоқ" });
    const tip = (await t.app.services.tips.list({ limit: 1 }))[0]!;
    const page = await open();
    // Real pictures behind the citizen's photos, so the page shows (and the screenshot has) images.
    for (const [i, colour] of ["#5b8bd0", "#d08b5b"].entries()) t.fake.setFile(`album-${citizen.id}-photo-${i}`, await picture(page, colour));

    await page.locator(`[data-reference="${tip.reference}"]`).waitFor();
    expect(await page.locator("nav [data-tab=tips]").textContent()).toBe("Новости");
    // The theme from the launch parameters is in force.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--tg-theme-button-color").trim())).toBe("#3390ec");
    await page.locator(`[data-reference="${tip.reference}"]`).click();
    await page.locator("[data-testid=tip-detail] img.file").nth(1).waitFor();
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLImageElement>("img.file")).every((img) => img.complete && img.naturalWidth === 320));
    // The photos came through our server (getFile), never as a Telegram file URL with the token.
    const sources = await page.locator("[data-testid=tip-detail] img.file").evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).src));
    expect(sources.every((src) => src.startsWith("blob:"))).toBe(true);
    expect(sources).toHaveLength(2);
    expect(await page.content()).not.toContain(t.fake.token);
    expect(t.fake.callsTo("getFile").map((c) => c.params.file_id)).toEqual(expect.arrayContaining([`album-${citizen.id}-photo-0`, `album-${citizen.id}-photo-1`]));
    await shot(page, "tip");

    await page.locator("[data-action=accept]").click();
    await page.locator("[data-testid=tip-detail][data-status=accepted]").waitFor();
    await t.fake.waitForCall((c) => c.method === "sendMessage" && String(c.params.chat_id) === String(citizen.id)
      && c.params.text === t.app.translate("kk", "tip-notify-accepted", { reference: tip.reference }));
    // The desk card in the group shows the outcome and who decided.
    await t.app.services.tipActions.idle();
    const card = desk(t).find((m) => m.message_id === tip.cardMessageId)!;
    expect(card.text).toContain(t.app.translate("ru", "tip-status-accepted"));
    expect(card.text).toContain("Aigerim Editorova");

    await page.locator("form.reply textarea").fill("Сәлеметсіз бе! Қай подъезд?");
    await page.locator("[data-action=reply]").click();
    const relayed = await t.fake.waitForCall((c) => c.method === "sendMessage" && String(c.params.chat_id) === String(citizen.id)
      && String(c.params.text).includes("Қай подъезд?"));
    expect(relayed.params.text).toBe(t.app.translate("kk", "tip-relay-to-citizen", { reference: tip.reference, text: "Сәлеметсіз бе! Қай подъезд?" }));
    expect(String(relayed.params.text)).not.toContain("Aigerim");
    await page.locator("ol.thread li.to_citizen").waitFor();
    // The group sees the answer under the card, with the editor's name.
    const note = await t.fake.waitForCall((c) => c.method === "sendMessage" && String(c.params.chat_id) === String(EDITOR_CHAT_ID) && String(c.params.text).includes("Қай подъезд?"));
    expect(String(note.params.text)).toContain("Aigerim Editorova");

    // The tipster allowed publication with their name: the editor publishes the draft to the channels.
    await page.locator("form.draft input[type=url]").fill("https://ekaraganda.kz/?mod=news_read&id=50001");
    await page.locator("form.draft button").click();
    await page.locator("[data-testid=tip-detail][data-status=published]").waitFor();
    await t.app.worker.idle();
    // A Kazakh tip becomes a post in the Kazakh channel only.
    const post = t.fake.messages("@karaganda_news_kz").at(-1);
    expect(post?.text).toContain("Бұқар жырау даңғылындағы");
    expect(t.fake.messages("@karaganda_news")).toHaveLength(0);
    expect((await t.app.services.tips.get(tip.id)).status).toBe("published");
    await page.context().close();
  });

  it("moves a poll's bars as votes arrive, without a reload", async () => {
    const { body } = await t.api("POST", "/api/polls", { question: "Довольны ли вы качеством ремонта дорог?", options: ["Да", "Нет", "Толку не будет"], language: "ru", siteVotes: [3, 1, 0] });
    await t.app.services.polls.idle();
    const copy = (await t.database.db.pollCopy.findFirstOrThrow({ where: { pollId: body.id, chatId: "@karaganda_news" } }));
    const page = await open({ theme: DARK_THEME });
    await page.locator("nav [data-tab=polls]").click();
    const option = (i: number) => page.locator(`[data-poll="${body.id}"] [data-option="${i}"]`);
    await option(0).and(page.locator("[data-total='3']")).waitFor();
    const width = () => option(1).locator(".fill").evaluate((el) => (el as HTMLElement).style.width);
    expect(await width()).toBe("25%");
    t.fake.pollUpdate(copy.telegramPollId!, [1, 6, 0]);
    await option(1).and(page.locator("[data-total='7']")).waitFor();
    expect(await width()).toBe("63.6%");
    await shot(page, "polls-dark");
    await page.context().close();
  });

  it("shows a failed delivery with its reason, and retries it", async () => {
    t.fake.failNext({ method: "sendMessage", chatId: "@karaganda_news", error: { kind: "badRequest", description: "Bad Request: message is too long" } } as never);
    const { body } = await t.api("POST", "/api/articles", {
      externalId: "41234", url: "https://ekaraganda.kz/?mod=news_read&id=41234", language: "ru", section: "Политика",
      title: "В Карагандинской области заработают общественные советы", lead: "Советы при акиматах начнут работу с января.",
    });
    await t.app.worker.idle();
    const page = await open();
    await page.locator("nav [data-tab=posts]").click();
    const failed = page.locator(`[data-article="41234"] [data-state=failed]`);
    await failed.waitFor();
    expect(await failed.textContent()).toContain("message is too long");
    await page.locator(`[data-article="41234"] [data-action=preview]`).click();
    await page.locator(`[data-article="41234"] figure.bubble b`).first().waitFor();
    expect(await page.locator(`[data-article="41234"] figure.bubble[data-language=ru] b`).textContent()).toBe(body.title);
    await shot(page, "posts");
    await page.locator(`[data-article="41234"] [data-action=retry]`).click();
    await page.locator(`[data-article="41234"] [data-channel="@karaganda_news"][data-state=sent]`).waitFor();
    const link = await page.locator(`[data-article="41234"] [data-channel="@karaganda_news"] a`).getAttribute("href");
    const sent = t.fake.messages("@karaganda_news").at(-1)!;
    expect(link).toBe(`https://t.me/karaganda_news/${sent.message_id}`);
    await page.context().close();
  });

  it("adds a feed, shows a failing one in plain words and pauses it; shows a channel that removed the bot", async () => {
    feeds = await startFeedServer();
    feeds.serve("/news.rss", { body: rss([{ guid: "n1", title: "Жители Майкудука просят новый светофор", link: "https://ekaraganda.kz/?id=9001", date: hoursAgo(1) }], { title: "ekaraganda.kz" }) });
    feeds.serve("/broken.rss", { status: 500, body: "oops" });
    const page = await open();
    await page.locator("nav [data-tab=feeds]").click();
    for (const url of [feeds.url("/news.rss"), feeds.url("/broken.rss")]) {
      await page.locator("form.add-feed input").fill(url);
      await page.locator("form.add-feed button").click();
      await page.locator(`[data-feed="${url}"]`).waitFor();
    }
    await t.app.services.feeds.pollAll();
    const broken = page.locator(`[data-feed="${feeds.url("/broken.rss")}"]`);
    await broken.locator(".badge.feed-failing").waitFor();
    expect(await broken.locator("dd.error").textContent()).toContain("500");
    await page.locator(`[data-feed="${feeds.url("/news.rss")}"] .badge.feed-active`).waitFor();
    await t.app.worker.idle();
    expect(t.fake.messages("@karaganda_news").some((m) => m.text?.includes("светофор"))).toBe(true);

    await broken.locator("[data-action=pause]").click();
    await page.locator(`[data-feed="${feeds.url("/broken.rss")}"][data-status=paused]`).waitFor();
    await t.app.services.channels.disable("@karaganda_news_kz");
    await t.database.db.channel.updateMany({ where: { chatId: "@karaganda_news_kz" }, data: { status: "forbidden", lastError: "Forbidden: bot was kicked from the channel chat" } });
    await page.reload();
    await page.locator("nav [data-tab=feeds]").click();
    await page.locator('[data-channel="@karaganda_news_kz"] .badge.channel-forbidden').waitFor();
    await shot(page, "feeds");
    await page.locator("nav [data-tab=tips]").click();
    await page.locator("[data-filter=all]").click();
    await page.locator("[data-reference]").first().waitFor();
    await page.context().close();
  }, 30_000);

  it("refuses forged and expired launch data and a non-editor, and shows nothing", async () => {
    const forged = launchData(t.fake.token, EDITOR).replace("Aigerim", "Mallory");
    const expired = launchData(t.fake.token, EDITOR, Math.floor(Date.now() / 1000) - 2 * 24 * 3600);
    const stranger = { id: 666, first_name: "Stranger", language_code: "en" };
    t.fake.setMember(EDITOR_CHAT_ID, stranger.id, "left");
    await Promise.all([forged, expired, launchData("111:OTHER-BOT", EDITOR), launchData(t.fake.token, stranger)].map(async (initData) => {
      const page = await open({ initData });
      await page.locator("[data-testid=refused]").waitFor();
      expect(await page.locator("[data-reference]").count()).toBe(0);
      await page.context().close();
    }));
  });
});
