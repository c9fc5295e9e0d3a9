import { describe, expect, it } from "vitest";
import { renderDigest, renderAlert, withUtm } from "../../src/broadcasts/reader-messages.ts";
import { parseHtml } from "../support/fake-telegram/html.ts";
import { dueSlots, digestSince } from "../../src/broadcasts/digest-schedule.ts";

const t = (key: string) => key;

describe("reader messages", () => {
  it("keeps a digest of ten huge titles within 4096 visible characters, well-formed, newest kept", () => {
    const articles = Array.from({ length: 12 }, (_, i) => ({ title: `${i} ${"<b>&заголовок ".repeat(200)}`, url: `https://e.kz/${i}?a=1&b="2"`, section: "Раздел & <i>" }));
    const message = renderDigest(articles, "Главное", t, true)!;
    const parsed = parseHtml(message.text);
    expect(parsed.text.length).toBeLessThanOrEqual(4096);
    const links = parsed.entities.filter((e) => e.type === "text_link");
    expect(links.length).toBeGreaterThan(0);
    expect(links.length).toBeLessThanOrEqual(10);
    expect((links[0] as { url: string }).url).toBe('https://e.kz/0?a=1&b=%222%22&utm_source=telegram&utm_medium=digest');
  });

  it("sends nothing for nothing", () => {
    expect(renderDigest([], "Главное", t, false)).toBeNull();
  });

  it("keeps the site's own UTM tags and leaves links alone when tags are off", () => {
    expect(withUtm("https://e.kz/a?utm_source=site", "digest")).toBe("https://e.kz/a?utm_source=site&utm_medium=digest");
    expect(withUtm("https://e.kz/a", null)).toBe("https://e.kz/a");
  });

  it("cuts an alert's title and lead without breaking a surrogate pair", () => {
    const message = renderAlert({ title: "😀".repeat(400), lead: "x ".repeat(1000), url: "https://e.kz/1" }, t, false);
    expect(message.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(parseHtml(message.text).text.length).toBeLessThan(1000);
  });

  it("finds the due digest slots on the newsroom's clock, Mondays with the weekly readers", () => {
    // 2026-05-04 is a Monday; 03:05Z is 08:05 in Almaty (UTC+5).
    const slots = dueSlots(new Date("2026-05-04T03:05:00Z"), "Asia/Almaty", 0, 1);
    expect(slots).toEqual([{ key: "digest:2026-05-04T07", hour: 7, weekly: true }, { key: "digest:2026-05-04T08", hour: 8, weekly: true }]);
    expect(dueSlots(new Date("2026-05-05T03:05:00Z"), "Asia/Almaty", 30, 0)).toEqual([{ key: "digest:2026-05-05T07", hour: 7, weekly: false }]);
  });

  it("starts a digest after the reader's last one, never more than a period back", () => {
    const asOf = new Date("2026-05-04T03:00:00Z");
    expect(digestSince("daily", asOf, null)).toEqual(new Date("2026-05-03T03:00:00Z"));
    expect(digestSince("weekly", asOf, new Date("2026-05-01T00:00:00Z"))).toEqual(new Date("2026-05-01T00:00:00Z"));
    expect(digestSince("daily", asOf, new Date("2026-04-01T00:00:00Z"))).toEqual(new Date("2026-05-03T03:00:00Z"));
  });
});
