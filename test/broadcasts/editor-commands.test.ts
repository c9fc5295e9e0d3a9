// The editors' side of «Рассылка», driven in the editors' group as editors do it: /subscribers, /broadcast
// (preview, audience, confirmation, progress) and /digest (preview, then "Send now" once).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import type { FakeMessage, FakeUser } from "../support/fake-telegram/index.ts";
import { seedReaders, settleBroadcast } from "../support/readers.ts";
import { EDITOR_CHAT_ID, trackHandling, type Settle } from "../tips/driver.ts";
import { localTime } from "../../src/broadcasts/digest-schedule.ts";

const GROUP = { id: EDITOR_CHAT_ID, type: "supergroup", title: "Newsroom" };
const TZ = "Asia/Almaty";

describe("editors' commands for readers", () => {
  let t: TestApp;
  let settle: Settle;
  let editor: FakeUser;
  let ru: number[];
  let kk: number[];
  beforeAll(async () => {
    t = await startTestApp({ env: { TIMEZONE: TZ, DIGEST_TIME: "07:00" } });
    settle = trackHandling(t);
    t.fake.addChat({ id: EDITOR_CHAT_ID, type: "supergroup", title: "Newsroom" });
    editor = t.fake.user({ id: 77, first_name: "Aigerim" });
    const hour = localTime(new Date(), TZ).hour;
    ru = await seedReaders(t.database.db, 710_000, 6, (i) => ({ language: "ru", digestHour: hour, sections: i % 2 === 0 ? ["Спорт"] : null }));
    kk = await seedReaders(t.database.db, 720_000, 4, () => ({ language: "kk", digestHour: hour }));
    await t.app.services.articles.upsert({ externalId: "e-1", url: "https://ekaraganda.kz/e/1", title: "Шахтёр в финале", section: "Спорт", language: "ru" });
    await t.app.services.articles.upsert({ externalId: "e-2", url: "https://ekaraganda.kz/e/2", title: "Новый сквер", section: "Город", language: "ru" });
  });
  afterAll(() => t.close());

  const group = () => t.fake.messages(EDITOR_CHAT_ID);
  const say = async (text: string) => {
    editor.sendText(text, { chat: GROUP });
    await settle();
  };
  const press = async (message: FakeMessage, data: string, who = editor) => {
    who.press(message, data);
    await settle();
  };
  const buttons = (m: FakeMessage) =>
    ((m.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data?: string; url?: string }>> } | undefined)?.inline_keyboard ?? []).flat();
  const withButton = (prefix: string) => {
    const found = group().filter((m) => buttons(m).some((b) => b.callback_data?.startsWith(prefix))).at(-1);
    if (!found) throw new Error(`no message with a ${prefix} button; the group has:\n${group().map((m) => m.text).join("\n")}`);
    return found;
  };
  const data = (m: FakeMessage, prefix: string) => buttons(m).find((b) => b.callback_data?.startsWith(prefix))!.callback_data!;

  it("/subscribers gives the figures in the newsroom's language", async () => {
    await say("/subscribers");
    const stats = (await t.api("GET", "/api/subscribers/stats")).body;
    expect(stats.subscribed).toBe(10);
    expect(group().at(-1)!.text).toContain(t.app.translate("ru", "subscribers-stats", {
      subscribed: 10, reachable: 10, blocked: 0, breaking: 10, languages: "ru 6, kk 4", daily: 10, weekly: 0, off: 0,
      all: stats.bySection.all, sections: Object.entries(stats.bySection.chosen as Record<string, number>).map(([k, v]) => `${k} ${v}`).join(", "),
      joined: 10, left: 0, net: "+10",
    }).split("\n")[0]!);
  });

  it("/broadcast shows the message as readers will get it, lets the editor aim it, and sends it once to exactly that audience", async () => {
    await say("/broadcast Завтра газета не выйдет: <праздник> & выходной\nНаш сайт | https://ekaraganda.kz/");
    const preview = group().at(-2)!;
    expect(preview.text).toBe("Завтра газета не выйдет: <праздник> & выходной");
    expect(buttons(preview)).toEqual([{ text: "Наш сайт", url: "https://ekaraganda.kz/" }]);
    let audience = withButton("bc:lang:");
    expect(audience.text).toContain("10");

    // Aimed at Kazakh readers: the count follows.
    await press(audience, buttons(audience).find((b) => b.callback_data?.endsWith(":kk"))!.callback_data!);
    audience = withButton("bc:send:");
    expect(buttons(audience).find((b) => b.callback_data?.startsWith("bc:send:"))!.text).toContain("4");

    // Someone outside the newsroom cannot press Send: a crafted press from their own private chat.
    const stranger = t.fake.user({ id: 555, first_name: "Stranger" });
    stranger.sendText("/start");
    await settle();
    await press(t.fake.messages(555).at(-1)!, data(audience, "bc:send:"), stranger);
    expect(t.fake.callsTo("answerCallbackQuery").at(-1)!.params).toMatchObject({ show_alert: true });
    expect(await t.database.db.broadcast.count({ where: { kind: "announcement", status: { not: "draft" } } })).toBe(0);

    const send = data(audience, "bc:send:");
    const id = Number(send.split(":")[2]);
    await press(audience, send);
    const progress = await settleBroadcast(t.app, id);
    expect(progress).toMatchObject({ status: "done", total: 4, sent: 4 });
    for (const reader of kk) expect(t.fake.messages(reader).filter((m) => m.text?.startsWith("Завтра газета"))).toHaveLength(1);
    for (const reader of ru) expect(t.fake.messages(reader).some((m) => m.text?.startsWith("Завтра газета"))).toBe(false);

    // Send pressed again (a second tap that was already on its way): the draft is gone, nothing is sent twice.
    await press(audience, send);
    expect(await t.database.db.broadcast.count({ where: { kind: "announcement", status: { not: "draft" } } })).toBe(1);
    for (const reader of kk) expect(t.fake.messages(reader).filter((m) => m.text?.startsWith("Завтра газета"))).toHaveLength(1);
  });

  it("/broadcast without text, or with a javascript: button, explains instead of sending", async () => {
    await say("/broadcast");
    expect(group().at(-1)!.text).toBe(t.app.translate("ru", "broadcast-usage"));
    await say("/broadcast Текст\nКнопка | javascript:alert(1)");
    expect(group().at(-1)!.text).toContain(t.app.translate("ru", "broadcast-invalid"));
    expect(await t.database.db.broadcast.count({ where: { kind: "announcement" } })).toBe(1);
  });

  it("/digest previews today's digest, and Send now sends it to each daily reader once, however often it is pressed", async () => {
    await say("/digest");
    const preview = group().find((m) => m.text?.startsWith("📰"))!;
    expect(preview.text).toContain("Шахтёр в финале");
    expect(preview.text).toContain("Новый сквер");
    const question = withButton("dg:send:");
    await press(question, data(question, "dg:send:"));
    await press(question, data(question, "dg:send:"));
    const digests = await t.database.db.broadcast.findMany({ where: { kind: "digest" } });
    expect(digests).toHaveLength(1);
    await settleBroadcast(t.app, digests[0]!.id);
    const digestOf = (reader: number) => t.fake.messages(reader).filter((m) => m.text?.startsWith("📰"));
    // Sport followers get the sport story only; the others get both; Kazakh readers have nothing new in Kazakh.
    expect(digestOf(ru[0]!)).toHaveLength(1);
    expect(digestOf(ru[0]!)[0]!.text).toContain("Шахтёр в финале");
    expect(digestOf(ru[0]!)[0]!.text).not.toContain("Новый сквер");
    expect(digestOf(ru[1]!)[0]!.text).toContain("Новый сквер");
    for (const reader of kk) expect(digestOf(reader)).toHaveLength(0);
  });
});
