// Every message exists in every language, with the same placeholders, so no reader ever sees a key.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FluentBundle, FluentResource } from "@fluent/bundle";

const ROOT = path.resolve("locales");
const LOCALES = ["ru", "kk", "en"];

function messages(locale: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const file of readdirSync(path.join(ROOT, locale)).filter((f) => f.endsWith(".ftl"))) {
    const source = readFileSync(path.join(ROOT, locale, file), "utf8");
    const resource = new FluentResource(source);
    const bundle = new FluentBundle(locale);
    const errors = bundle.addResource(resource);
    expect(errors, `${locale}/${file} parses`).toEqual([]);
    for (const match of source.matchAll(/^([a-z][a-z0-9_-]*)\s*=/gm)) {
      const id = match[1]!;
      expect(found.has(id), `${locale}: ${id} is defined once`).toBe(false);
      // Placeholders: { $name } in the message's own lines.
      const start = match.index!;
      const next = source.slice(start + 1).search(/^[a-z][a-z0-9_-]*\s*=/m);
      const body = next === -1 ? source.slice(start) : source.slice(start, start + 1 + next);
      found.set(id, new Set([...body.matchAll(/\{\s*\$([a-zA-Z0-9_]+)/g)].map((m) => m[1]!)));
    }
  }
  return found;
}

describe("translations", () => {
  const all = Object.fromEntries(LOCALES.map((locale) => [locale, messages(locale)]));

  it.each(LOCALES.filter((l) => l !== "ru"))("%s has every message ru has, and nothing else", (locale) => {
    expect([...all[locale]!.keys()].sort()).toEqual([...all.ru!.keys()].sort());
  });

  it.each(LOCALES)("%s uses the same placeholders as the other languages", (locale) => {
    for (const [id, placeholders] of all.ru!) {
      expect([...(all[locale]!.get(id) ?? [])].sort(), `${locale}: ${id}`).toEqual([...placeholders].sort());
    }
  });

  it("keeps every key prefixed by its feature, in that feature's file", () => {
    const prefixes: Record<string, RegExp> = {
      "common.ftl": /^(start|help|language|error|nothing)-/,
      "console.ftl": /^console-/,
      "editor.ftl": /^(channels|post)-/,
      "membership.ftl": /^membership-/,
      "polls.ftl": /^poll-/,
      "publishing.ftl": /^publishing-/,
      "tips.ftl": /^tip-/,
      "readers.ftl": /^(sub|alert|digest|mydata|forget)-/,
      "broadcasts.ftl": /^(subscribers|digest|broadcast)-/,
    };
    for (const locale of LOCALES) {
      for (const file of readdirSync(path.join(ROOT, locale))) {
        expect(prefixes[file], `${locale}/${file} is a known feature file`).toBeDefined();
        const source = readFileSync(path.join(ROOT, locale, file), "utf8");
        for (const [, id] of source.matchAll(/^([a-z][a-z0-9_-]*)\s*=/gm)) expect(id, `${locale}/${file}`).toMatch(prefixes[file]!);
      }
    }
  });
});
