import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { fetchFeed, FeedFetchError } from "../../src/feeds/fetch-feed.ts";
import { articleRecord, feedExternalId } from "../../src/feeds/feed-item-to-article.ts";
import { parseArticleInput } from "../../src/articles/article-input.ts";
import { MAX_ITEMS_PER_POLL } from "../../src/feeds/feed-ingest.ts";
import { closedPort, cp1251, hoursAgo, rss, startFeedServer, type FeedServer, type TestItem } from "./fixtures/feed-server.ts";

const posts = (t: TestApp) => t.fake.messages("@news").map((m) => m.text ?? m.caption ?? "");
const feedNamed = async (t: TestApp, url: string) => (await t.app.services.feeds.list()).find((f) => f.url === url)!;
const article = async (t: TestApp, externalId: string) => (await t.api("GET", `/api/articles/${encodeURIComponent(externalId)}`)).body;
async function poll(t: TestApp) {
  await t.app.runJob("poll-feeds");
  await t.app.worker.idle();
}

describe("feed polling: first poll, updates and conditional GET", () => {
  let server: FeedServer;
  let t: TestApp;
  let feedId: number;
  const now = Date.now();
  const items: TestItem[] = [
    { guid: "n1", title: "Свежая 1", link: "https://ekaraganda.kz/n1", date: hoursAgo(1, now) },
    { guid: "undated", title: "Без даты", link: "https://ekaraganda.kz/undated" },
    ...[2, 3, 4, 5, 6].map((n) => ({ guid: `n${n}`, title: `Свежая ${n}`, link: `https://ekaraganda.kz/n${n}`, date: hoursAgo(n, now) })),
    { guid: "old1", title: "Архив 1", link: "https://ekaraganda.kz/old1", date: hoursAgo(72, now) },
    { guid: "old2", title: "Архив 2", link: "https://ekaraganda.kz/old2", date: hoursAgo(96, now) },
  ];

  beforeAll(async () => {
    server = await startFeedServer();
    server.serve("/news.xml", { body: rss(items), etag: '"v1"', headers: { "last-modified": "Tue, 06 May 2025 10:00:00 GMT" } });
    t = await startTestApp({ env: { CHANNELS: "@news:ru", FEEDS: server.url("/news.xml") } });
    feedId = (await feedNamed(t, server.url("/news.xml"))).id;
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  it("posts only the five newest recent items, oldest first, and records the rest silently", async () => {
    await poll(t);
    expect(posts(t).map((text) => text.split("\n")[0])).toEqual(["Свежая 4", "Свежая 3", "Свежая 2", "Свежая 1", "Без даты"]);
    for (const guid of ["n5", "n6", "old1", "old2"]) {
      const stored = await article(t, feedExternalId(feedId, guid));
      expect(stored).toMatchObject({ status: "archived", source: "feed", deliveries: [] });
    }
    expect(await article(t, feedExternalId(feedId, "n1"))).toMatchObject({ status: "published", deliveries: [{ state: "sent" }] });
    expect(await feedNamed(t, server.url("/news.xml"))).toMatchObject({ etag: '"v1"', errorCount: 0, lastError: null, itemCount: 9 });
  });

  it("sends the validators back and does nothing on 304 Not Modified", async () => {
    const sent = t.fake.callsTo("sendMessage").length;
    await poll(t);
    const last = server.requests("/news.xml").at(-1)!;
    expect(last["if-none-match"]).toBe('"v1"');
    expect(last["if-modified-since"]).toBe("Tue, 06 May 2025 10:00:00 GMT");
    expect(t.fake.callsTo("sendMessage")).toHaveLength(sent);
  });

  it("posts a new item, edits a changed one and keeps an edited archived item silent", async () => {
    const sent = posts(t).length;
    const edits = t.fake.callsTo("editMessageText").length;
    const changed = items.map((item) =>
      item.guid === "n1" ? { ...item, title: "Свежая 1 (обновлено)" } : item.guid === "n5" ? { ...item, title: "Свежая 5 (обновлено)" } : item);
    server.serve("/news.xml", { body: rss([{ guid: "n0", title: "Самая новая", link: "https://ekaraganda.kz/n0", date: new Date() }, ...changed]), etag: '"v2"' });
    await poll(t);
    expect(posts(t).slice(sent).map((text) => text.split("\n")[0])).toEqual(["Самая новая"]);
    expect(t.fake.callsTo("editMessageText").slice(edits)).toHaveLength(1);
    expect(posts(t).find((text) => text.startsWith("Свежая 1"))).toMatch(/^Свежая 1 \(обновлено\)/);
    expect(await article(t, feedExternalId(feedId, "n5"))).toMatchObject({ title: "Свежая 5 (обновлено)", status: "archived", deliveries: [] });
  });

  it("dedupes by guid when the server ignores conditional GET", async () => {
    const calls = t.fake.calls.length;
    server.serve("/news.xml", { body: rss([{ guid: "n0", title: "Самая новая", link: "https://ekaraganda.kz/n0", date: new Date() }, ...items.map((item) =>
      item.guid === "n1" ? { ...item, title: "Свежая 1 (обновлено)" } : item.guid === "n5" ? { ...item, title: "Свежая 5 (обновлено)" } : item)]) });
    await poll(t);
    await poll(t);
    // the stored ETag is sent once, then forgotten, since the server no longer gives one
    expect(server.requests("/news.xml").slice(-2).map((h) => h["if-none-match"])).toEqual(['"v2"', undefined]);
    expect(t.fake.calls.slice(calls).filter((c) => /^(send|edit)/.test(c.method))).toEqual([]);
  });

  it("computes the same content hash as the article service", async () => {
    const raw = { externalId: "hash-check", url: "https://ekaraganda.kz/h", title: "Т", lead: "Л", tags: ["а", "б"], publishedAt: "2025-05-05T10:00:00Z" };
    const result = await t.app.services.articles.upsert(raw, "feed");
    expect(articleRecord(parseArticleInput(raw), t.config.defaultLocale).contentHash).toBe(result.article.contentHash);
  });
});

describe("feed polling: real-world oddities", () => {
  let server: FeedServer;
  let t: TestApp;

  beforeAll(async () => {
    server = await startFeedServer();
    const xml = rss([{ guid: "w1", title: "Снег выпал в мае — «рекорд» для Караганды", link: "https://ekaraganda.kz/w1", date: hoursAgo(1) }], { encoding: "windows-1251" });
    // The server claims UTF-8; the prolog tells the truth, as on many old CMSs.
    server.serve("/cp1251.xml", { body: cp1251(xml), headers: { "content-type": "text/xml; charset=utf-8" } });
    server.serve("/oddities.xml", { body: readFileSync(new URL("./fixtures/oddities.xml", import.meta.url)) });
    t = await startTestApp({ env: { CHANNELS: "@news:ru", FEEDS: `${server.url("/cp1251.xml")},${server.url("/oddities.xml")}` } });
    await poll(t);
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  it("decodes a windows-1251 feed whatever the Content-Type says", () => {
    expect(posts(t)).toContainEqual(expect.stringMatching(/^Снег выпал в мае — «рекорд» для Караганды/));
  });

  it("ingests the usable items and logs a reason for each rejected one", async () => {
    const feed = await feedNamed(t, server.url("/oddities.xml"));
    expect(feed).toMatchObject({ errorCount: 0, lastError: null, itemCount: 5 });
    expect(posts(t)).toContainEqual(expect.stringMatching(/^Ремонт <дорог> и цены/));
    expect(await article(t, feedExternalId(feed.id, "https://ekaraganda.kz/section/news/6002"))).toMatchObject({
      title: "Без guid, с относительной ссылкой", imageUrl: "https://ekaraganda.kz/img/6002-thumb.jpg",
    });
    const skipped = t.logs.filter((l) => l.msg === "feed item skipped" && l.feed === server.url("/oddities.xml")).map((l) => l.reason);
    expect(skipped).toEqual(["no title and no link", "link is not an http(s) URL: javascript:alert(1)", "duplicate of item 3"]);
  });
});

describe("feed polling: failures", () => {
  let server: FeedServer;
  let t: TestApp;
  let refused: string;

  beforeAll(async () => {
    server = await startFeedServer();
    refused = `http://127.0.0.1:${await closedPort()}/rss`;
    server.serve("/ok.xml", { body: rss([{ guid: "ok1", title: "Работает", link: "https://ekaraganda.kz/ok1", date: hoursAgo(1) }]) });
    server.serve("/broken.xml", { body: readFileSync(new URL("./fixtures/broken.xml", import.meta.url)) });
    server.serve("/page.html", { body: "<!DOCTYPE html><html><body>Сайт на обслуживании</body></html>", headers: { "content-type": "text/html" } });
    server.serve("/down.xml", { status: 500, body: "oops" });
    const feeds = [server.url("/missing.xml"), server.url("/broken.xml"), server.url("/page.html"), server.url("/down.xml"), refused, server.url("/ok.xml")];
    t = await startTestApp({ env: { CHANNELS: "@news:ru", FEEDS: feeds.join(",") } });
    await poll(t);
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  it("records a clear reason per broken feed and still posts the healthy one", async () => {
    expect(posts(t).map((text) => text.split("\n")[0])).toEqual(["Работает"]);
    const reasons = Object.fromEntries((await t.app.services.feeds.list()).map((f) => [f.url, f.lastError]));
    expect(reasons).toEqual({
      [server.url("/missing.xml")]: "HTTP 404 Not Found",
      [server.url("/broken.xml")]: expect.stringMatching(/^not a feed: XML parse error: .+/),
      [server.url("/page.html")]: "not a feed: got an HTML page",
      [server.url("/down.xml")]: "HTTP 500 Internal Server Error",
      [refused]: "connection refused",
      [server.url("/ok.xml")]: null,
    });
    const failures = t.logs.filter((l) => l.msg === "feed poll failed");
    expect(failures).toHaveLength(5);
    expect(t.logText()).not.toContain("Сайт на обслуживании");
  });

  it("backs a failing feed off, doubling the wait, while the others keep polling", async () => {
    const before = Date.now();
    const missing = await feedNamed(t, server.url("/missing.xml"));
    expect(missing.errorCount).toBe(1);
    expect(missing.nextPollAt!.getTime() - missing.lastPolledAt!.getTime()).toBe(2 * 60_000);
    await poll(t);
    expect(server.requests("/missing.xml")).toHaveLength(1);
    expect(server.requests("/ok.xml")).toHaveLength(2);
    const again = await t.app.services.feeds.pollOne(missing.id);
    expect(again).toMatchObject({ status: "failed", reason: "HTTP 404 Not Found" });
    const after = await feedNamed(t, server.url("/missing.xml"));
    expect(after.errorCount).toBe(2);
    expect(after.nextPollAt!.getTime()).toBeGreaterThanOrEqual(before + 4 * 60_000);
  });

  it("resets the error count once the feed answers again", async () => {
    server.serve("/missing.xml", { body: rss([{ guid: "back", title: "Снова в строю", link: "https://ekaraganda.kz/back" }]) });
    const feed = await feedNamed(t, server.url("/missing.xml"));
    expect(await t.app.services.feeds.pollOne(feed.id)).toMatchObject({ status: "ok", published: 1 });
    expect(await feedNamed(t, server.url("/missing.xml"))).toMatchObject({ errorCount: 0, lastError: null, nextPollAt: null });
  });
});

describe("fetching a feed", () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer();
  });
  afterAll(() => server?.close());

  const reason = (promise: Promise<unknown>) => promise.then(
    () => { throw new Error("fetched"); },
    (error: unknown) => {
      expect(error).toBeInstanceOf(FeedFetchError);
      return (error as Error).message;
    },
  );

  it("gives up on a server that never answers", async () => {
    server.serve("/hang", { hang: true });
    expect(await reason(fetchFeed(server.url("/hang"), { timeoutMs: 200 }))).toBe("timed out after 200 ms");
  });

  it("follows a few redirects within the feed's own address, and reads links against where it landed", async () => {
    server.serve("/old.xml", { status: 301, headers: { location: "/moved/feed.xml" } });
    server.serve("/moved/feed.xml", { status: 302, headers: { location: server.url("/moved/2/feed.xml") } });
    server.serve("/moved/2/feed.xml", { body: rss([]) });
    const fetched = await fetchFeed(server.url("/old.xml"));
    expect(fetched).toMatchObject({ status: "ok", url: server.url("/moved/2/feed.xml") });
  });

  it("stops after five redirects", async () => {
    for (let i = 0; i < 7; i++) server.serve(`/hop${i}`, { status: 307, headers: { location: `/hop${i + 1}` } });
    expect(await reason(fetchFeed(server.url("/hop0")))).toBe("more than 5 redirects (last to /hop6)");
    expect(server.requests("/hop5")).toHaveLength(1);
    expect(server.requests("/hop6")).toHaveLength(0);
  });

  it("never follows a redirect into a loopback or private address the feed did not start on", async () => {
    const port = new URL(server.url("/")).port;
    server.serve("/to-metadata", { status: 302, headers: { location: "http://169.254.169.254/latest/meta-data/" } });
    expect(await reason(fetchFeed(server.url("/to-metadata"))))
      .toBe("redirect to http://169.254.169.254/latest/meta-data/ refused: 169.254.169.254 is a private or loopback address the feed did not start on");
    server.serve("/to-lan", { status: 302, headers: { location: `http://[::ffff:10.0.0.7]:${port}/admin` } });
    expect(await reason(fetchFeed(server.url("/to-lan")))).toMatch(/^redirect to .+\/admin refused: 10\.0\.0\.7 is a private or loopback address/);
    server.serve("/to-file", { status: 302, headers: { location: "file:///etc/passwd" } });
    expect(await reason(fetchFeed(server.url("/to-file")))).toBe("redirect to file:///etc/passwd refused: not an http(s) URL");

    // A feed on the public internet whose server sends the poller to this machine's loopback.
    server.serve("/secret", { body: rss([]) });
    const publicFeed = "http://93.184.215.14/feed.xml";
    const internet: typeof fetch = async (input, init) => (String(input) === publicFeed
      ? new Response(null, { status: 301, headers: { location: server.url("/secret") } })
      : fetch(input, init));
    expect(await reason(fetchFeed(publicFeed, { fetch: internet })))
      .toBe(`redirect to ${server.url("/secret")} refused: 127.0.0.1 is a private or loopback address the feed did not start on`);
    expect(server.requests("/secret")).toHaveLength(0);
  });

  it("refuses a body over the size cap, declared or not", async () => {
    server.serve("/big", { body: "x".repeat(11 * 1024 * 1024) });
    expect(await reason(fetchFeed(server.url("/big")))).toBe("larger than 10 MB");
    server.serve("/big-chunked", { body: "x".repeat(50_000), chunked: true });
    expect(await reason(fetchFeed(server.url("/big-chunked"), { maxBytes: 20 * 1024 }))).toBe("larger than 20 KB");
  });
});

describe("feed polling: a feed of 5,000 items", () => {
  let server: FeedServer;
  let t: TestApp;
  const now = Date.now();
  const items: TestItem[] = Array.from({ length: 5000 }, (_, i) => ({
    guid: `bulk-${i}`, title: `Новость номер ${i}`, link: `https://ekaraganda.kz/bulk/${i}`,
    description: `Текст новости ${i}: ремонт, транспорт, погода.`, date: new Date(now - i * 10 * 60_000),
  }));
  // The newest item sits at the end of the document: "newest" is by date, not by place.
  const document = [...items.slice(1), items[0]!];

  beforeAll(async () => {
    server = await startFeedServer();
    server.serve("/bulk.xml", { body: rss(document) });
    t = await startTestApp({ env: { CHANNELS: "@news:ru", FEEDS: server.url("/bulk.xml") } });
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  it("takes only the newest 500 items, records them as the archive and posts only what is new later", async () => {
    await poll(t);
    expect(posts(t).map((text) => text.split("\n")[0])).toEqual([4, 3, 2, 1, 0].map((i) => `Новость номер ${i}`));
    const feed = await feedNamed(t, server.url("/bulk.xml"));
    expect(feed).toMatchObject({ itemCount: MAX_ITEMS_PER_POLL, errorCount: 0 });
    const stored = await t.app.database.db.article.findMany({ where: { feedId: feed.id }, select: { externalId: true, status: true } });
    expect(stored.filter((a) => a.status === "archived")).toHaveLength(MAX_ITEMS_PER_POLL - 5);
    expect(new Set(stored.map((a) => a.externalId))).toEqual(new Set(items.slice(0, MAX_ITEMS_PER_POLL).map((i) => feedExternalId(feed.id, i.guid!))));
    expect(t.logs.find((l) => l.msg === "feed lists more items than a poll takes; the newest were taken")).toMatchObject({ total: 5000, taken: MAX_ITEMS_PER_POLL });

    const fresh = [3, 2, 1].map((n) => ({ guid: `fresh-${n}`, title: `Только что ${n}`, link: `https://ekaraganda.kz/fresh/${n}`, date: new Date(now + n * 60_000) }));
    server.serve("/bulk.xml", { body: rss([...fresh, ...document]) });
    await poll(t);
    expect(posts(t).slice(5).map((text) => text.split("\n")[0])).toEqual(["Только что 1", "Только что 2", "Только что 3"]);
    // The three fresh items pushed the three oldest of the 500 out of the window: nothing is done with them.
    expect(await t.app.database.db.article.count({ where: { feedId: feed.id } })).toBe(MAX_ITEMS_PER_POLL + 3);
  });
});

describe("feed polling: a poisoned item among good ones", () => {
  let server: FeedServer;
  let t: TestApp;
  const now = Date.now();
  const item = (guid: string, title: string, hours: number): TestItem => ({ guid, title, link: `https://ekaraganda.kz/${guid}`, date: hoursAgo(hours, now) });

  beforeAll(async () => {
    server = await startFeedServer();
    // Newest first: a good item, the poisoned one, a good one; and in the archive, a good and a poisoned one.
    server.serve("/news.xml", {
      etag: '"p1"',
      body: rss([item("g1", "Хорошая 1", 1), item("bad", "POISON свежая", 2), item("g2", "Хорошая 2", 3), item("old", "Старая", 80), item("oldbad", "POISON старая", 90)]),
    });
    t = await startTestApp({ env: { CHANNELS: "@news:ru", FEEDS: server.url("/news.xml") } });
    // The database itself refuses the poisoned rows: the validation passes, the store does not.
    await poison(t, true);
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  it("stores and posts the others, rejects it with a readable reason, and does not back the feed off", async () => {
    const feed = await feedNamed(t, server.url("/news.xml"));
    const result = await t.app.services.feeds.pollOne(feed.id);
    await t.app.worker.idle();
    expect(result).toMatchObject({ status: "ok", published: 2, archived: 1, rejected: 2 });
    expect(posts(t).map((text) => text.split("\n")[0])).toEqual(["Хорошая 2", "Хорошая 1"]);
    expect(await article(t, feedExternalId(feed.id, "old"))).toMatchObject({ status: "archived" });

    const skipped = t.logs.filter((l) => l.msg === "feed item skipped").map((l) => [l.id, l.reason]);
    expect(skipped).toEqual([
      ["oldbad", "could not be stored: the database refused it: poisoned item"],
      ["bad", "could not be stored: the database refused it: poisoned item"],
    ]);
    // The editors' reason is plain words; the operator's line keeps Prisma's own error to diagnose it.
    for (const [, reason] of skipped) expect(String(reason)).not.toMatch(/invocation|prisma/i);
    const stored = t.logs.filter((l) => l.msg === "feed item could not be stored");
    expect(stored.map((l) => JSON.stringify(l.err).includes("poisoned item"))).toEqual([true, true]);
    // The feed is healthy; it keeps no validators, so the next poll fetches the body and tries the item again.
    expect(await feedNamed(t, server.url("/news.xml"))).toMatchObject({ errorCount: 0, lastError: null, nextPollAt: null, etag: null });
  });

  it("stores the item once the database takes it, posting the fresh one and archiving the old one", async () => {
    await poison(t, false);
    const feed = await feedNamed(t, server.url("/news.xml"));
    expect(await t.app.services.feeds.pollOne(feed.id)).toMatchObject({ status: "ok", published: 1, archived: 1, rejected: 0 });
    await t.app.worker.idle();
    expect(posts(t).map((text) => text.split("\n")[0])).toEqual(["Хорошая 2", "Хорошая 1", "POISON свежая"]);
    expect(await article(t, feedExternalId(feed.id, "oldbad"))).toMatchObject({ status: "archived", deliveries: [] });
    expect(await feedNamed(t, server.url("/news.xml"))).toMatchObject({ etag: '"p1"', lastSuccessAt: expect.any(Date) });
  });

  it("keeps going past an item whose edit the database refuses", async () => {
    await poison(t, true);
    const feed = await feedNamed(t, server.url("/news.xml"));
    server.serve("/news.xml", {
      body: rss([item("g3", "Хорошая 3", 0.5), item("g1", "Хорошая 1 POISON", 1), item("bad", "POISON свежая", 2), item("g2", "Хорошая 2 (обновлено)", 3)]),
    });
    expect(await t.app.services.feeds.pollOne(feed.id)).toMatchObject({ status: "ok", published: 1, updated: 1, rejected: 1 });
    await t.app.worker.idle();
    expect(posts(t).map((text) => text.split("\n")[0])).toEqual(["Хорошая 2 (обновлено)", "Хорошая 1", "POISON свежая", "Хорошая 3"]);
  });
});

/** A trigger that makes the database refuse any article whose title holds POISON (insert or update). */
async function poison(t: TestApp, on: boolean) {
  const db = t.database.db;
  if (t.database.provider === "sqlite") {
    for (const when of ["INSERT", "UPDATE"]) {
      await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "poison_${when}"`);
      if (on) {
        await db.$executeRawUnsafe(`CREATE TRIGGER "poison_${when}" BEFORE ${when} ON "Article" WHEN NEW."title" LIKE '%POISON%'
          BEGIN SELECT RAISE(ABORT, 'poisoned item'); END`);
      }
    }
    return;
  }
  await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "poison" ON "Article"`);
  if (!on) return;
  await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION poison() RETURNS trigger AS $$ BEGIN
    IF NEW."title" LIKE '%POISON%' THEN RAISE EXCEPTION 'poisoned item'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
  await db.$executeRawUnsafe(`CREATE TRIGGER "poison" BEFORE INSERT OR UPDATE ON "Article" FOR EACH ROW EXECUTE FUNCTION poison()`);
}
