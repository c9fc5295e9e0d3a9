import { describe, expect, it } from "vitest";
import { renderPost, CAPTION_LIMIT, TEXT_LIMIT, type PostSource } from "../../src/publishing/render-post.ts";
import { decodeEntities, escapeHtml, htmlToText } from "../../src/text/html.ts";
import { toHashtag } from "../../src/text/hashtag.ts";
import { truncate } from "../../src/text/truncate.ts";
import { parseHtml } from "../support/fake-telegram/index.ts";

const base: PostSource = {
  title: "Ремонт дорог в Караганде", lead: "Подрядчики обещают закончить к осени.", body: null,
  url: "https://ekaraganda.kz/?mod=news_read&id=1", imageUrl: null, section: "Город", tags: ["дороги", "ЖКХ"], breaking: false,
};
const options = { readMoreLabel: "Читать полностью", breakingLabel: "⚡ Срочно:" };

/** What Telegram would show: parse the HTML exactly as the fake Bot API (and Telegram) does. */
function shown(html: string) {
  return parseHtml(html);
}

describe("rendering a post", () => {
  it("makes the title bold, adds the lead, hashtags and a read-more button", () => {
    const post = renderPost(base, options);
    expect(post.kind).toBe("text");
    expect(post.html).toBe("<b>Ремонт дорог в Караганде</b>\n\nПодрядчики обещают закончить к осени.\n\n#Город #дороги #ЖКХ");
    expect(post.keyboard.inline_keyboard[0]![0]).toEqual({ text: "Читать полностью", url: base.url });
  });

  it.each([
    ["<script>alert(1)</script>", "<script>alert(1)</script>"],
    ["AT&T & \"friends\" <3", "AT&T & \"friends\" <3"],
    ["<b>unbalanced <i>tags</b>", "unbalanced tags"],
    ["Цены &laquo;выросли&raquo; на 5%", "Цены «выросли» на 5%"],
    ["a < b > c && d", "a < b > c && d"],
  ])("shows the hostile title %j as plain text %j, valid for Telegram", (title, expected) => {
    const post = renderPost({ ...base, title, lead: title }, options);
    const parsed = shown(post.html);
    expect(parsed.text.split("\n\n")[0]).toBe(expected);
    expect(parsed.text.split("\n\n")[1]).toBe(expected);
  });

  it("shortens a 4,000-word body to fit one message, at a word boundary, with an ellipsis", () => {
    const body = Array.from({ length: 4000 }, (_, i) => `слово${i}`).join(" ");
    const post = renderPost({ ...base, lead: null, body: `<p>${body}</p>` }, options);
    const text = shown(post.html).text;
    expect(text.length).toBeLessThanOrEqual(TEXT_LIMIT);
    const lead = text.split("\n\n")[1]!;
    expect(lead.endsWith("…")).toBe(true);
    expect(lead.slice(0, -1)).toMatch(/слово\d+$/); // no half word before the ellipsis
    expect(body.startsWith(lead.slice(0, -1))).toBe(true);
  });

  it("keeps an overlong lead within 4096 characters after entity parsing, even when every character is escaped", () => {
    const post = renderPost({ ...base, lead: "<&> ".repeat(3000) }, options);
    expect(post.html.length).toBeGreaterThan(TEXT_LIMIT);
    expect(shown(post.html).text.length).toBeLessThanOrEqual(TEXT_LIMIT);
  });

  it("sends a photo with the text as caption when it fits 1024 characters", () => {
    const post = renderPost({ ...base, imageUrl: "https://ekaraganda.kz/img/1.jpg" }, options);
    expect(post.kind).toBe("photo");
    expect(shown(post.html).text.length).toBeLessThanOrEqual(CAPTION_LIMIT);
  });

  it("sends text with the image as a large preview when the caption would lose too much", () => {
    const lead = "Длинный лид. ".repeat(150);
    const post = renderPost({ ...base, lead, imageUrl: "https://ekaraganda.kz/img/1.jpg" }, options);
    expect(post.kind).toBe("text");
    if (post.kind === "text") expect(post.previewUrl).toBe("https://ekaraganda.kz/img/1.jpg");
    expect(shown(post.html).text).toContain(lead.trim());
  });

  it("can keep an existing photo post a photo when its text grows", () => {
    const post = renderPost({ ...base, lead: "Длинный лид. ".repeat(150), imageUrl: "https://x.kz/1.jpg" }, { ...options, kind: "photo" });
    expect(post.kind).toBe("photo");
    expect(shown(post.html).text.length).toBeLessThanOrEqual(CAPTION_LIMIT);
  });

  it("marks breaking news in the title", () => {
    expect(renderPost({ ...base, breaking: true }, options).html.startsWith("<b>⚡ Срочно: Ремонт")).toBe(true);
  });

  it("survives an absurdly long title", () => {
    const post = renderPost({ ...base, title: "Заголовок ".repeat(1000) }, options);
    expect(shown(post.html).text.length).toBeLessThanOrEqual(TEXT_LIMIT);
  });
});

describe("text helpers", () => {
  it("never splits an emoji when truncating", () => {
    const cut = truncate("😀".repeat(10), 6);
    expect(cut).toBe("😀😀…");
    expect(cut.length).toBeLessThanOrEqual(6);
  });

  it("cuts between graphemes: flags, families, combining marks and a long cluster stay whole", () => {
    for (const unit of ["🇰🇿", "👨‍👩‍👧", "й", "е\u0301", `a${"\u0301".repeat(40)}`, "🏳️‍🌈"]) {
      const text = `x${unit.repeat(30)}`; // one cluster, then 30 more: no word boundary to prefer
      for (const max of [10, 11, 12, 13, 99, 100, 101, 102]) {
        if (max >= text.length) continue;
        const cut = truncate(text, max);
        expect(cut.length, `${unit} ${max}`).toBeLessThanOrEqual(max);
        expect(cut.endsWith("…"), `${unit} ${max}`).toBe(true);
        // "x" and whole units only: the most that fits with the ellipsis.
        expect(cut, `${unit} ${max}`).toBe(`x${unit.repeat(Math.floor((max - 2) / unit.length))}…`);
      }
    }
    expect(truncate("ab", 1)).toBe("…");
    expect(truncate("abc", 0)).toBe("");
  });

  it("escapes exactly the characters Telegram's HTML mode needs", () => {
    expect(escapeHtml(`<a href="x">&</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
  });

  it("decodes a reference to no character as U+FFFD, never as half a character", () => {
    expect(decodeEntities("a&#xD800;b&#xdfff;c&#0;d&#x110000;e&#128512;")).toBe("a\ufffdb\ufffdc\ufffdd\ufffde😀");
  });

  it("turns body HTML into paragraphs and drops scripts", () => {
    expect(htmlToText("<p>Один&nbsp;два</p><script>evil()</script><p>три<br>четыре</p>")).toBe("Один два\n\nтри\nчетыре");
  });

  it("makes hashtags Telegram recognises", () => {
    expect(toHashtag("Дороги и ЖКХ")).toBe("#Дороги_и_ЖКХ");
    expect(toHashtag("2024")).toBeUndefined();
    expect(toHashtag("  ")).toBeUndefined();
  });
});
