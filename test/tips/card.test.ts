import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderTipCard } from "../../src/tips/tip-card.ts";
import { truncate } from "../../src/text/truncate.ts";
import { isWellFormed } from "../../src/text/clean.ts";
import { createTipService } from "../../src/tips/tip-service.ts";
import { createLogger } from "../../src/logger.ts";
import { systemClock } from "../../src/clock.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { parseHtml } from "../support/fake-telegram/index.ts";

const t = (key: string, vars?: Record<string, string | number>) => (vars ? `${key}${JSON.stringify(vars)}` : key);
const base = { reference: "T-1", topic: "city", attachments: [], consent: "none", status: "new" };

describe("tip card", () => {
  it("escapes everything the citizen typed", () => {
    const html = renderTipCard({ ...base, text: "<script>&amp;</script>", placeText: "<b>here</b>", contactPhone: "+7<1>" }, t);
    expect(html).toContain("&lt;script&gt;&amp;amp;&lt;/script&gt;");
    expect(html).toContain("&lt;b&gt;here&lt;/b&gt;");
    expect(() => parseHtml(html)).not.toThrow();
  });

  it("trims a long text at a word boundary, names the limit and stays within 4096", () => {
    const text = "слово <&> ".repeat(900);
    const html = renderTipCard({ ...base, text }, t);
    expect(html.length).toBeLessThanOrEqual(4096);
    expect(html).toContain("tip-card-trimmed{&quot;limit&quot;:4096}");
    expect(html).toMatch(/ (слово|&lt;&amp;&gt;)…\n/); // whole words only
    expect(html.length).toBeGreaterThan(3900); // shortened to fit, not to nothing
    expect(renderTipCard({ ...base, text: "short" }, t, { limit: 4096 })).not.toContain("tip-card-trimmed");
  });

  it("never cuts a word in half unless the word alone is too long", () => {
    expect(truncate("alpha beta gamma", 12)).toBe("alpha beta…");
    expect(truncate("x".repeat(50), 10)).toBe("x".repeat(9) + "…");
  });

  it("never cuts an emoji in half when it trims a long text", () => {
    // A family is one grapheme of 8 UTF-16 units (three surrogate pairs joined by ZWJ); a flag is two pairs.
    const text = "👨‍👩‍👧🇰🇿".repeat(400);
    const html = renderTipCard({ ...base, text }, t);
    expect(html).toContain("tip-card-trimmed");
    const kept = html.slice(html.indexOf("</b>", html.indexOf("tip-card-text")) + 5, html.indexOf("…"));
    expect(kept.length).toBeGreaterThan(1000);
    expect(kept.length % 12).toBe(0);
    expect([...new Intl.Segmenter().segment(kept)].every(({ segment }) => segment === "👨‍👩‍👧" || segment === "🇰🇿")).toBe(true);
    expect(isWellFormed(html)).toBe(true);
  });

  it("shows the contact only when given and the name only with consent to be named", () => {
    expect(renderTipCard({ ...base, text: "a", authorName: "Dana" }, t)).not.toContain("Dana");
    expect(renderTipCard({ ...base, text: "a", consent: "name", authorName: "Dana" }, t)).toContain("Dana");
    expect(renderTipCard({ ...base, text: "a" }, t)).not.toContain("tip-card-contact");
  });
});

describe("tip references", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.destroy());

  it("hands out 100 distinct references to 100 tips submitted at once", async () => {
    const tips = createTipService({ db: database.db, clock: systemClock, logger: createLogger({ level: "silent" }) });
    const users = await Promise.all(Array.from({ length: 100 }, (_, i) => database.db.user.create({ data: { telegramId: String(900 + i) } })));
    const stored = await Promise.all(users.map((u) => tips.submit({
      userId: u.id, language: "ru", draft: { topic: "city", text: "something happened here", attachments: [{ kind: "photo", fileId: "f" }], consent: "none" },
    })));
    const numbers = stored.map((s) => Number(s.reference.slice(2))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => 1001 + i));
  });

  it("stores one tip for one submission key, even when the same Send arrives twice at once", async () => {
    const tips = createTipService({ db: database.db, clock: systemClock, logger: createLogger({ level: "silent" }) });
    const user = await database.db.user.create({ data: { telegramId: "1999" } });
    const input = {
      userId: user.id, language: "ru", submissionKey: "same-send",
      draft: { topic: "city" as const, text: "something happened here", attachments: [], consent: "none" as const },
    };
    const [a, b] = await Promise.all([tips.submit(input), tips.submit(input)]);
    const again = await tips.submit(input);
    expect(new Set([a.id, b.id, again.id]).size).toBe(1);
    expect(await database.db.tip.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("tip translations", () => {
  const keys = (locale: string) => {
    const text = readFileSync(`locales/${locale}/tips.ftl`, "utf8");
    const entries = new Map<string, string[]>();
    let current = "";
    for (const line of text.split("\n")) {
      const head = /^(tip-[a-z0-9_-]+) =/.exec(line);
      if (head) entries.set((current = head[1]!), []);
      for (const v of line.matchAll(/\{ \$(\w+) \}/g)) if (current) entries.get(current)!.push(v[1]!);
    }
    return entries;
  };

  it("has every tip key and placeholder in ru, kk and en", () => {
    const en = keys("en");
    expect(en.size).toBeGreaterThan(80);
    for (const locale of ["ru", "kk"]) {
      const other = keys(locale);
      expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
      for (const [key, vars] of en) expect([...other.get(key)!].sort(), `${locale} ${key}`).toEqual([...vars].sort());
    }
  });

  it("has every key the code asks for", () => {
    const en = keys("en");
    const source = ["src/tips/tip-desk.ts", "src/tips/tip-card.ts", "src/bot/features/tip.ts", "src/bot/conversations/tip-prompt.ts",
      "src/bot/conversations/tip-steps.ts", "src/bot/conversations/tip-conversation.ts"].map((f) => readFileSync(f, "utf8")).join("\n");
    for (const [, key] of source.matchAll(/"(tip-[a-z-]+[a-z])"/g)) {
      if (key === "tip-desk") continue; // a log component name, not a message
      expect(en.has(key!), key).toBe(true);
    }
    for (const prefix of ["tip-topic-", "tip-status-", "tip-consent-", "tip-consent-button-", "tip-edit-", "tip-notify-"]) {
      expect([...en.keys()].some((k) => k.startsWith(prefix)), prefix).toBe(true);
    }
  });
});
