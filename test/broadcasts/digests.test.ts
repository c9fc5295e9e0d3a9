// Digests: at each reader's hour, the period's articles in their language and sections, newest first, at
// most ten, one well-formed message — and nothing at all when nothing is new since their last digest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { seedReaders, settleBroadcast } from "../support/readers.ts";
import { localTime } from "../../src/broadcasts/digest-schedule.ts";

const TZ = "Asia/Almaty";

describe("digests", () => {
  let t: TestApp;
  let hour: number;
  let reader: Record<"all" | "sport" | "kk" | "otherHour" | "off", number>;
  beforeAll(async () => {
    // DIGEST_TIME's minute 00: the slot of the current local hour is due now.
    t = await startTestApp({ env: { DIGEST_TIME: "07:00", TIMEZONE: TZ } });
    hour = localTime(new Date(), TZ).hour;
    const profiles = [
      { language: "ru", digestHour: hour }, { language: "ru", digestHour: hour, sections: ["Спорт"] }, { language: "kk", digestHour: hour },
      { language: "ru", digestHour: (hour + 1) % 24 }, { language: "ru", digestHour: hour, digest: "off" as const },
    ];
    const [all, sport, kk, otherHour, off] = await seedReaders(t.database.db, 900_000, profiles.length, (i) => profiles[i]!);
    reader = { all: all!, sport: sport!, kk: kk!, otherHour: otherHour!, off: off! };

    const post = (n: number, fields: Record<string, unknown>) =>
      t.app.services.articles.upsert({ externalId: `d-${n}`, url: `https://ekaraganda.kz/d/${n}`, title: `Новость ${n}`, language: "ru", ...fields });
    await post(0, { title: "Вчерашнее", section: "Политика" });
    await t.database.db.article.update({ where: { externalId: "d-0" }, data: { createdAt: new Date(Date.now() - 30 * 3_600_000) } });
    for (let n = 1; n <= 12; n++) await post(n, { section: n % 3 === 0 ? "Спорт" : n % 3 === 1 ? "Политика" : null });
    await post(13, { title: `<script>alert("x")</script> & ${"очень длинный заголовок ".repeat(38)}`, section: "Общество" });
    await post(14, { title: "Снята с публикации" });
    await t.app.services.articles.withdraw("d-14");
    await post(15, { title: "Жаңалық", language: "kk" });
  });
  afterAll(() => t.close());

  const digestOf = (id: number) => t.fake.messages(id).filter((m) => m.text?.startsWith("📰"));
  const linksOf = (id: number) => (digestOf(id).at(-1)?.entities ?? []).filter((e) => e.type === "text_link").map((e) => (e as { url: string }).url);

  it("sends each reader of the hour the newest ten of their language and sections, as one well-formed message", async () => {
    expect(await t.app.services.broadcasts.scheduleDigests()).toBeGreaterThan(0);
    const slot = await t.database.db.broadcast.findFirstOrThrow({ where: { kind: "digest", digestHour: hour } });
    await settleBroadcast(t.app, slot.id);

    const all = digestOf(reader.all);
    expect(all).toHaveLength(1);
    expect(all[0]!.text!.length).toBeLessThanOrEqual(4096);
    // Newest first: 13, 12, …, 4 — ten of them; the withdrawn one, the kk one and yesterday's are not there.
    expect(linksOf(reader.all)).toEqual([13, 12, 11, 10, 9, 8, 7, 6, 5, 4].map((n) => `https://ekaraganda.kz/d/${n}?utm_source=telegram&utm_medium=digest`));
    expect(all[0]!.text).toContain('<script>alert("x")</script> &');
    expect(all[0]!.entitiesOrHtml).toContain("&lt;script&gt;");

    // Спорт and the articles without a section.
    expect(linksOf(reader.sport).map((url) => Number(/d\/(\d+)/.exec(url)![1]))).toEqual([12, 11, 9, 8, 6, 5, 3, 2]);
    expect(linksOf(reader.kk)).toEqual(["https://ekaraganda.kz/d/15?utm_source=telegram&utm_medium=digest"]);
    expect(digestOf(reader.otherHour)).toEqual([]);
    expect(digestOf(reader.off)).toEqual([]);
  });

  it("makes one digest per slot however often the job runs", async () => {
    const before = await t.database.db.broadcast.count({ where: { kind: "digest" } });
    expect(await t.app.services.broadcasts.scheduleDigests()).toBe(0);
    expect(await t.database.db.broadcast.count({ where: { kind: "digest" } })).toBe(before);
  });

  it("sends nothing to a reader with nothing new since their last digest, and only the new when there is", async () => {
    const first = await t.app.services.broadcasts.sendDigestNow("test-1", "test");
    const progress = await settleBroadcast(t.app, first.broadcast.id);
    expect(digestOf(reader.all)).toHaveLength(1);
    // The other-hour reader had no digest yet: theirs is the whole day.
    expect(digestOf(reader.otherHour)).toHaveLength(1);
    expect(progress).toMatchObject({ sent: 1, skipped: 3 });

    await t.app.services.articles.upsert({ externalId: "d-new", url: "https://ekaraganda.kz/d/new", title: "Свежее", language: "ru" });
    const second = await t.app.services.broadcasts.sendDigestNow("test-2", "test");
    await settleBroadcast(t.app, second.broadcast.id);
    expect(digestOf(reader.all)).toHaveLength(2);
    expect(linksOf(reader.all)).toEqual(["https://ekaraganda.kz/d/new?utm_source=telegram&utm_medium=digest"]);
  });

  it("previews today's digest for the editors without sending it to anyone", async () => {
    const calls = t.fake.callsTo("sendMessage").length;
    const preview = await t.app.services.broadcasts.previewDigest("ru");
    expect(preview?.text).toContain("Свежее");
    expect(t.fake.callsTo("sendMessage").length).toBe(calls);
  });
});
