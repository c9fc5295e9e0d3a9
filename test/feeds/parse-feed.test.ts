import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFeedText, FeedParseError, type ParsedFeed } from "../../src/feeds/parse-feed.ts";
import { decodeFeed } from "../../src/feeds/fetch-feed.ts";
import { feedExternalId, feedItemToArticle } from "../../src/feeds/feed-item-to-article.ts";
import { parseArticleInput } from "../../src/articles/article-input.ts";
import { cleanText, isCleanText } from "../../src/text/clean.ts";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const parseFixture = (name: string, url = "https://ekaraganda.kz/rss.xml", contentType: string | null = null): ParsedFeed =>
  parseFeedText(decodeFeed(fixture(name), contentType).text, url);

describe("parsing feeds", () => {
  it("reads an RSS 2.0 feed with content, enclosures and media", () => {
    const feed = parseFixture("rss2.xml");
    expect(feed).toMatchObject({ format: "rss", title: "Новости Караганды", language: "ru", rejected: [] });
    expect(feed.items.map((i) => i.key)).toEqual(["ek-1001", "ek-1002", "https://ekaraganda.kz/news/1003"]);
    const [first, second, third] = feed.items;
    expect(first).toMatchObject({
      guid: "ek-1001", link: "https://ekaraganda.kz/news/1001", title: "В Караганде отремонтируют 40 улиц",
      lead: "Ремонт начнётся в мае & продлится до осени.", body: "Полный текст статьи о ремонте дорог.",
      // the first <img> of the content, resolved against the site
      imageUrl: "https://ekaraganda.kz/img/roads.jpg",
      section: "Город", tags: ["Город", "Дороги"], author: "Айгуль Сарсенова",
    });
    expect(first!.publishedAt?.toISOString()).toBe("2025-05-05T04:30:00.000Z");
    expect(second!.imageUrl).toBe("https://ekaraganda.kz/img/miners.jpg");
    expect(third!.imageUrl).toBe("https://ekaraganda.kz/img/day.jpg");
  });

  it("reads Atom with HTML titles and links relative to the site", () => {
    const feed = parseFixture("atom.xml", "https://kk.ekaraganda.kz/atom.xml");
    expect(feed).toMatchObject({ format: "atom", language: "kk", siteUrl: "https://kk.ekaraganda.kz/" });
    expect(feed.items[0]).toMatchObject({
      key: "tag:ekaraganda.kz,2025:2001", link: "https://kk.ekaraganda.kz/news/2001", title: "Жол жөндеу басталды",
      lead: "Жөндеу мамырда басталды.", author: "Асқар Нұрланов", section: "Қала",
    });
    expect(feed.items[0]!.publishedAt?.toISOString()).toBe("2025-05-05T09:00:00.000Z");
    expect(feed.items[1]).toMatchObject({ body: "Мәтін", imageUrl: "https://kk.ekaraganda.kz/i/2002.png" });
  });

  it("reads RDF (RSS 1.0), keying items by their link", () => {
    const feed = parseFixture("rdf.xml");
    expect(feed).toMatchObject({ format: "rdf", language: "ru" });
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({
      guid: null, key: "https://ekaraganda.kz/news/3001", title: "Открыт новый парк", section: "Город", author: "Редакция",
    });
    expect(feed.items[0]!.publishedAt?.toISOString()).toBe("2025-05-05T03:00:00.000Z");
  });

  it("reads JSON Feed with images, tags and a relative url", () => {
    const feed = parseFixture("feed.json", "https://en.ekaraganda.kz/feed.json");
    expect(feed).toMatchObject({ format: "json", language: "en" });
    expect(feed.items[0]).toMatchObject({
      key: "4001", imageUrl: "https://en.ekaraganda.kz/img/park.jpg", tags: ["city", "parks"], author: "Dana K.",
      body: "The park opened on Monday in the south-east district.",
    });
    expect(feed.items[1]).toMatchObject({
      link: "https://en.ekaraganda.kz/news/4002", body: "Trams return to the centre.", imageUrl: "https://en.ekaraganda.kz/img/tram.jpg",
    });
  });

  it("decodes windows-1251 declared in the XML prolog, even when the server claims UTF-8", () => {
    const bytes = fixture("rss-windows-1251.xml");
    expect(bytes.includes(Buffer.from("Снег", "utf8"))).toBe(false); // really not UTF-8 on disk
    const decoded = decodeFeed(bytes, "application/rss+xml; charset=utf-8");
    expect(decoded.charset).toBe("windows-1251");
    const feed = parseFeedText(decoded.text, "https://old.ekaraganda.kz/rss");
    expect(feed.items[0]!.title).toBe("Снег выпал в мае — «рекорд» для Караганды");
    expect(feed.items[0]!.section).toBe("Погода");
  });

  it("reads valid UTF-8 as UTF-8 even under a stale windows-1251 declaration", () => {
    const text = new TextDecoder("windows-1251").decode(fixture("rss-windows-1251.xml"));
    const decoded = decodeFeed(Buffer.from(text, "utf8"), "text/xml; charset=windows-1251");
    expect(decoded.charset).toBe("utf-8");
    expect(parseFeedText(decoded.text, "https://old.ekaraganda.kz/rss").items[0]!.title).toBe("Снег выпал в мае — «рекорд» для Караганды");
  });

  it("decodes the charset named only by Content-Type (koi8-r)", () => {
    const decoded = decodeFeed(fixture("rss-koi8-r.xml"), 'text/xml; charset="KOI8-R"');
    expect(decoded.charset).toBe("koi8-r");
    expect(parseFeedText(decoded.text, "https://koi.example.kz/rss").items[0]!.title).toBe("Горячая вода вернётся в четверг");
  });

  it("cleans HTML in titles, resolves relative links, keys guid-less items by link and explains every rejection", () => {
    const feed = parseFixture("oddities.xml", "https://ekaraganda.kz/rss.xml");
    const byKey = new Map(feed.items.map((i) => [i.key, i]));
    const first = byKey.get("https://ekaraganda.kz/news/6001?utm_source=rss&page=1");
    expect(first).toMatchObject({ guid: null, title: "Срочно: ремонт «Бульвара Мира» продлён", lead: "Первый абзац.\nВторой абзац." });
    // relative to the channel's <link>, which is a section page
    expect(byKey.get("https://ekaraganda.kz/section/news/6002")).toMatchObject({
      imageUrl: "https://ekaraganda.kz/img/6002-thumb.jpg", publishedAt: null,
    });
    // a literal "<дорог>" in text is text, not a tag
    expect(byKey.get("6003")!.title).toBe("Ремонт <дорог> и цены");
    // no title: the text becomes the title, and is not repeated as the lead
    expect(byKey.get("https://ekaraganda.kz/news/6006")).toMatchObject({ title: "Только описание и ссылка: заголовка нет, но есть текст.", lead: null });
    // an RSS guid is a permalink unless it says otherwise
    expect(byKey.get("https://ekaraganda.kz/news/6008")!.link).toBe("https://ekaraganda.kz/news/6008");
    expect(feed.rejected.map((r) => [r.position + 1, r.reason])).toEqual([
      [4, "no title and no link"],
      [5, "link is not an http(s) URL: javascript:alert(1)"],
      [7, "duplicate of item 3"],
    ]);
  });

  it("refuses what is not a feed with a reason", () => {
    const reason = (text: string) => {
      try {
        parseFeedText(text, "https://ekaraganda.kz/rss");
      } catch (error) {
        expect(error).toBeInstanceOf(FeedParseError);
        return (error as Error).message;
      }
      throw new Error("parsed");
    };
    expect(reason(fixture("broken.xml").toString("utf8"))).toMatch(/^not a feed: XML parse error: .*closed/i);
    expect(reason("<!DOCTYPE html><html><body>Сайт на обслуживании</body></html>")).toBe("not a feed: got an HTML page");
    expect(reason("")).toBe("not a feed: the response is empty");
    expect(reason('{"hello":"world"}')).toBe("not a feed: not RSS, Atom, RDF or JSON Feed");
  });
});

describe("a hostile feed", () => {
  // JSON Feed can carry what XML cannot: lone surrogates and NUL, as escapes. Its texts are plain: "&#…;" stays text.
  const json = JSON.stringify({
    version: "https://jsonfeed.org/version/1.1", title: "Враждебная лента", home_page_url: "https://evil.example.kz/",
    items: [
      { id: "g\u0000-1", url: "/n/1", title: "\ud800Взрыв\u0000 на\u0007 шахте\udfff", summary: "Лид\u001b\u0085 конец", date_published: "+275760-09-13T00:00:00Z" },
      { id: "2", url: "/n/2", title: "Ok", content_text: "x", date_published: "10000-01-01T00:00:00Z" },
      { id: "3", url: "/n/3", title: "Ok", date_published: "2026-12-03T10:00:00+05:00" },
    ],
  });
  // In RSS, HTML is decoded: a reference to half a character becomes U+FFFD, never half a character.
  const rss = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title><link>https://evil.example.kz/</link>
    <item><title>Title &amp;#xD83D; end</title><link>/n/4</link><description><![CDATA[<p>Лид &#xD800; и &#0; и &#x110000; и &#1; конец</p>]]></description></item>
  </channel></rss>`;

  it("cleans broken characters and controls out of every text and drops dates the store cannot hold, keeping every item", () => {
    const fromJson = parseFeedText(json, "https://evil.example.kz/feed.json");
    const fromRss = parseFeedText(rss, "https://evil.example.kz/rss");
    expect([...fromJson.rejected, ...fromRss.rejected]).toEqual([]);
    const [first, second, third] = fromJson.items;
    expect(first).toMatchObject({ guid: "g-1", title: "\ufffdВзрыв на шахте\ufffd", lead: "Лид конец", publishedAt: null });
    expect(second!.publishedAt).toBeNull();
    expect(third!.publishedAt?.toISOString()).toBe("2026-12-03T05:00:00.000Z");
    expect(fromRss.items[0]).toMatchObject({ title: "Title \ufffd end", lead: "Лид \ufffd и \ufffd и \ufffd и конец" });
    for (const item of [...fromJson.items, ...fromRss.items]) {
      const article = parseArticleInput(feedItemToArticle(item, { id: 9, language: "ru" }, "ru"));
      expect(isCleanText(article.externalId), article.externalId).toBe(true);
      for (const text of [article.title, article.lead ?? "", article.body ?? ""]) expect(cleanText(text)).toBe(text);
    }
  });
});

describe("feed items as articles", () => {
  it("builds the externalId from the feed and the guid, hashing keys too long to store", () => {
    expect(feedExternalId(3, "ek-1001")).toBe("feed:3:ek-1001");
    const long = "https://ekaraganda.kz/news/" + "x".repeat(300);
    const id = feedExternalId(3, long);
    expect(id).toMatch(/^feed:3:sha256:[0-9a-f]{64}$/);
    expect(id.length).toBeLessThanOrEqual(200);
    expect(feedExternalId(3, long + "y")).not.toBe(id);
  });

  it("takes the item's language, else the feed's, else the default", () => {
    const [item] = parseFixture("rss2.xml").items;
    expect(feedItemToArticle(item!, { id: 1, language: "kk" }, "ru").language).toBe("ru");
    expect(feedItemToArticle({ ...item!, language: null }, { id: 1, language: "kk" }, "ru").language).toBe("kk");
    expect(feedItemToArticle({ ...item!, language: "de" }, { id: 1, language: "fr" }, "en").language).toBe("en");
  });
});
