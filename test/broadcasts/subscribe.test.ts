// Readers subscribe, adjust and leave through the bot, in each of its languages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { Citizen, trackHandling, type Settle } from "../tips/driver.ts";
import type { FakeMessage } from "../support/fake-telegram/index.ts";

type Button = { text: string; callback_data?: string };
const buttons = (m: FakeMessage): Button[] => ((m.reply_markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat();

/** Presses the button whose text contains `label` on the newest bot message that has one. */
async function tap(t: TestApp, reader: Citizen, label: string): Promise<void> {
  const message = t.fake.messages(reader.id).filter((m) => buttons(m).some((b) => b.text.includes(label))).at(-1);
  if (!message) throw new Error(`no button "${label}" for ${reader.id}; buttons: ${t.fake.messages(reader.id).flatMap(buttons).map((b) => b.text).join(" | ")}`);
  const button = buttons(message).find((b) => b.text.includes(label))!;
  reader.user.press(message, button.callback_data!);
  await reader.settle();
}

const menuText = (t: TestApp, reader: Citizen) => t.fake.messages(reader.id).filter((m) => buttons(m).length > 0).at(-1)?.text ?? "";

describe("subscribing in the bot", () => {
  let t: TestApp;
  let settle: Settle;
  beforeAll(async () => {
    t = await startTestApp({ env: { DIGEST_TIME: "08:30" } });
    settle = trackHandling(t);
    // The menu offers the sections the site publishes in the reader's language.
    for (const language of ["ru", "kk", "en"]) {
      for (const [i, section] of ["Политика", "Спорт", "Общество"].entries()) {
        await t.app.services.articles.upsert({ externalId: `sec-${language}-${i}`, url: `https://ekaraganda.kz/${language}/${i}`, title: `Материал ${i}`, section, language });
      }
    }
  });
  afterAll(() => t.close());

  for (const [i, locale] of (["ru", "kk", "en"] as const).entries()) {
    it(`subscribes with one command, adjusts every setting and unsubscribes, in ${locale}`, async () => {
      const tr = (key: string, vars?: Record<string, string | number>) => t.app.translate(locale, key, vars);
      const reader = new Citizen(t, settle, 70_000 + i, locale);
      await reader.text("/subscribe");
      const stored = await t.database.db.subscriber.findFirstOrThrow({ where: { user: { telegramId: String(reader.id) } } });
      expect(stored).toMatchObject({ language: locale, allSections: true, breaking: true, digest: "daily", digestHour: 8, active: true });
      expect(reader.lastSaid()).toContain(tr("sub-subscribed"));
      expect(reader.lastSaid()).toContain(tr("sub-digest-daily-line", { time: "08:30" }));

      await tap(t, reader, tr("sub-button-breaking"));
      expect(menuText(t, reader)).toContain(tr("sub-breaking-off-line"));
      await tap(t, reader, tr("sub-button-digest"));
      await tap(t, reader, tr("sub-digest-weekly"));
      await tap(t, reader, "19:30");
      expect(menuText(t, reader)).toContain(tr("sub-digest-weekly-line", { time: "19:30" }));
      await tap(t, reader, tr("sub-button-back"));
      await tap(t, reader, tr("sub-button-sections"));
      await tap(t, reader, "Спорт"); // from "every section": everything shown but Спорт
      expect(menuText(t, reader)).toContain(tr("sub-sections-some-line", { sections: "Общество, Политика" }));

      const settings = await t.app.services.subscribers.get(stored.userId);
      expect(settings).toMatchObject({ breaking: false, digest: "weekly", digestHour: 19, allSections: false });
      expect(settings!.sections.map((s) => s.section)).toEqual(["Общество", "Политика"]);

      await reader.text("/settings");
      expect(reader.lastSaid()).toContain(tr("sub-settings-title"));
      await reader.text("/unsubscribe");
      expect(reader.lastSaid()).toBe(tr("sub-unsubscribed"));
      expect((await t.app.services.subscribers.get(stored.userId))!.active).toBe(false);
      await reader.text("/settings");
      expect(reader.lastSaid()).toBe(tr("sub-not-subscribed"));
      // Coming back restores the settings.
      await reader.text("/subscribe");
      expect(reader.lastSaid()).toContain(tr("sub-resubscribed"));
      expect(await t.app.services.subscribers.get(stored.userId)).toMatchObject({ active: true, digest: "weekly", digestHour: 19 });
    });
  }

  it("subscribes from the 📬 button on /start and from t.me/<bot>?start=subscribe", async () => {
    const a = new Citizen(t, settle, 70_100, "ru");
    await a.text("/start");
    await a.press("menu:subscribe");
    const b = new Citizen(t, settle, 70_101, "en");
    await b.text("/start subscribe");
    for (const reader of [a, b]) {
      expect(await t.database.db.subscriber.count({ where: { user: { telegramId: String(reader.id) }, active: true } })).toBe(1);
    }
  });

  it("switches the news language and the bot's language together", async () => {
    const reader = new Citizen(t, settle, 70_200, "ru");
    await reader.text("/subscribe");
    await tap(t, reader, t.app.translate("ru", "sub-button-language"));
    await tap(t, reader, "Қазақша");
    expect(menuText(t, reader)).toContain(t.app.translate("kk", "sub-language-line", { language: "Қазақша" }));
    const user = await t.database.db.user.findUniqueOrThrow({ where: { telegramId: String(reader.id) }, include: { subscription: true } });
    expect([user.locale, user.subscription?.language]).toEqual(["kk", "kk"]);
  });

  it("redraws a menu pressed after the reader unsubscribed, instead of acting on it", async () => {
    const reader = new Citizen(t, settle, 70_300, "en");
    await reader.text("/subscribe");
    await reader.text("/unsubscribe");
    await tap(t, reader, t.app.translate("en", "sub-button-breaking"));
    const sub = await t.database.db.subscriber.findFirstOrThrow({ where: { user: { telegramId: String(reader.id) } } });
    expect(sub).toMatchObject({ active: false, breaking: true });
  });

  it("marks a reader who blocks the bot, and takes them back when they write again", async () => {
    const reader = new Citizen(t, settle, 70_400, "ru");
    await reader.text("/subscribe");
    t.fake.pushUpdate({
      my_chat_member: {
        chat: { id: reader.id, type: "private", first_name: "R" }, from: reader.user.info, date: 1,
        old_chat_member: { status: "member", user: t.fake.botInfo }, new_chat_member: { status: "kicked", user: t.fake.botInfo, until_date: 0 },
      },
    } as never);
    await settle();
    const reachable = async () => (await t.database.db.user.findUniqueOrThrow({ where: { telegramId: String(reader.id) } })).reachable;
    expect(await reachable()).toBe(false);
    await reader.text("/settings");
    expect(await reachable()).toBe(true);
  });
});
