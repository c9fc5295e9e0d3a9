/// <reference lib="dom" />
// A burst of 40 tips while the editors' group is held to Telegram's 20 messages a minute: every tip is in
// the console (Chromium, polling the store) long before its card can reach the group. Prints how long
// after its reference reached the citizen each tip appeared in the console.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startTestApp, EDITOR_CHAT_ID, type TestApp } from "../support/app.ts";
import { hasChromium, launchBrowser, launchData, miniAppUrl } from "../support/browser.ts";
import { Citizen, desk, trackHandling } from "../tips/driver.ts";

const EDITOR = { id: 501, first_name: "Aigerim", language_code: "ru" };
const BURST = 40;

describe.skipIf(!hasChromium)("a burst of tips in the console", () => {
  let t: TestApp;
  let browser: Browser;
  let settle: () => Promise<void>;
  beforeAll(async () => {
    t = await startTestApp({ env: { GROUP_MESSAGES_PER_MINUTE: "20" } });
    settle = trackHandling(t, { waitForDesk: false });
    t.fake.addChat({ id: EDITOR_CHAT_ID, type: "supergroup", title: "Newsroom" });
    t.fake.setMember(EDITOR_CHAT_ID, EDITOR.id, "member");
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("shows all 40 tips while most of their cards still wait for the group's rate limit", async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(miniAppUrl(t.app.url, launchData(t.fake.token, EDITOR)));
    await page.locator("[data-testid=tip-list]").waitFor({ state: "attached" });
    // The page notes when each reference first appears in the list.
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { seen: typeof seen }).seen = seen;
      const note = () => document.querySelectorAll("[data-reference]").forEach((el) => { seen[el.getAttribute("data-reference")!] ??= Date.now(); });
      new MutationObserver(note).observe(document.body, { childList: true, subtree: true });
    });

    const citizens = Array.from({ length: BURST }, (_, i) => new Citizen(t, settle, 7000 + i, (["ru", "kk", "en"] as const)[i % 3]));
    await Promise.all(citizens.map(async (c) => {
      await c.text("/tip");
      await c.press("tipc:topic:incident");
      await c.text(`Пожар на рынке, дым виден с улицы ${c.id}`);
      await c.press("tipc:media:skip");
      await c.text(t.app.translate(c.languageCode, "tip-button-skip"));
      await c.text(t.app.translate(c.languageCode, "tip-button-anonymous"));
      await c.press("tipc:consent:anonymous");
      await c.press("tipc:preview:send");
    }));
    const tips = await t.database.db.tip.findMany({ where: { user: { telegramId: { in: citizens.map((c) => String(c.id)) } } } });
    expect(tips).toHaveLength(BURST);

    await page.waitForFunction((n) => Object.keys((window as unknown as { seen: object }).seen).length >= n, BURST, { timeout: 15_000 });
    const cardsWhenAllShown = desk(t).filter((m) => m.text?.startsWith("📝")).length;
    expect(cardsWhenAllShown).toBeLessThanOrEqual(20);

    const seen = await page.evaluate(() => (window as unknown as { seen: Record<string, number> }).seen);
    const delays = tips.map((tip) => {
      const answered = t.fake.calls.find((c) => c.method === "sendMessage" && String(c.params.text).includes(`${tip.reference}.`) && c.response.ok);
      expect(answered, tip.reference).toBeDefined();
      return seen[tip.reference]! - answered!.at;
    }).sort((a, b) => a - b);
    if (process.env.CONSOLE_SCREENSHOTS) {
      await page.locator("[data-reference]").first().click();
      await page.locator("[data-testid=tip-detail]").waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${process.env.CONSOLE_SCREENSHOTS}/inbox-desktop.png` });
    }
    console.log(`console latency after the citizen's reference, ${BURST} tips: median ${delays[BURST / 2]} ms, max ${delays.at(-1)} ms; cards in the group by then: ${cardsWhenAllShown}`);
    await page.context().close();
  }, 60_000);
});
