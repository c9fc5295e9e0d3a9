// What the texts must say, and how: the wording rules the newsroom agreed on, checked in every file.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CITIZEN_COMMANDS } from "../src/bot/commands.ts";

const ROOT = path.resolve("locales");
/** Every message of a locale; comments (## headers) are for us, not for readers. */
const text = (locale: string) => readdirSync(path.join(ROOT, locale)).filter((f) => f.endsWith(".ftl"))
  .map((f) => readFileSync(path.join(ROOT, locale, f), "utf8")).join("\n").split("\n").filter((line) => !line.startsWith("#")).join("\n");
/** The value of one message (its first line and indented continuation lines). */
const message = (locale: string, id: string) => {
  const match = new RegExp(`^${id} =(.*(?:\\n {4}.*)*)`, "m").exec(text(locale));
  if (!match) throw new Error(`${locale}: no ${id}`);
  return match[1]!;
};

describe("wording", () => {
  it("shows editors an article's status in words, for every status an article can have", () => {
    for (const locale of ["ru", "kk", "en"]) {
      for (const status of ["published", "draft", "withdrawn", "archived"]) expect(message(locale, `post-status-${status}`).trim()).not.toBe("");
    }
  });

  it("tells a citizen their tip was received, keeping \"accepted\" for the editors' decision", () => {
    expect(message("ru", "tip-sent")).toContain("получена");
    expect(message("kk", "tip-sent")).toContain("алынды");
    for (const [locale, accepted] of [["ru", "принят"], ["kk", "қабылда"], ["en", "accepted"]] as const) {
      for (const id of ["tip-sent", "tip-media-received", "tip-relay-delivered"]) expect(message(locale, id), `${locale} ${id}`).not.toContain(accepted);
    }
  });

  it("offers the newsletter in the greeting only with the command that delivers it", () => {
    expect(CITIZEN_COMMANDS).toContain("subscribe");
    for (const locale of ["ru", "kk", "en"]) expect(message(locale, "start-welcome")).toMatch(/\/subscribe/);
  });

  it("writes Kazakh with one word for a button and one for cancel, the dative with motion, and no case ending on a date", () => {
    const kk = text("kk");
    expect(kk).not.toMatch(/батырма/i);
    expect(kk).toMatch(/түйме/);
    for (const id of ["tip-button-cancel", "tip-cancelled", "tip-hint-command", "nothing-to-cancel", "help-command-cancel"]) {
      expect(message("kk", id), id).toMatch(/болдыр/i);
      expect(message("kk", id), id).not.toMatch(/тоқтат|бас тарт/i);
    }
    expect(message("kk", "help-text")).toMatch(/\/cancel — [^\n]*болдырмау/);
    expect(kk).not.toMatch(/сонда (жіберіл|көш|бар|бағыттал)/);
    expect(kk).not.toMatch(/\{ \$date \}\s*(дейін|-?[ндт][аеы])/);
    expect(kk).not.toMatch(/жариялауға емес/);
  });

  it("writes English with straight quotes and one word for a tip", () => {
    const en = text("en");
    expect(en).not.toMatch(/[“”‘’«»]/);
    expect(en).not.toMatch(/news tip|your story/i);
  });
});
