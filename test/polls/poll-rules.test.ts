import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ID_RESTART_AFTER_MS, isNewer } from "../../src/polls/poll-vote-order.ts";
import { FINAL_VERSION } from "../../src/polls/poll-repository.ts";
import { mergeResults, tallyAnswers } from "../../src/polls/poll-results.ts";
import { parsePollCommand } from "../../src/polls/poll-command.ts";
import { bar } from "../../src/polls/poll-report.ts";

const state = (counts: number[], version: number, totalVoters = counts.reduce((a, b) => a + b, 0)) => ({ counts, totalVoters, version });

describe("which poll update wins", () => {
  it("orders updates by update_id, so a retraction lowers the totals", () => {
    expect(isNewer(state([2, 1], 5), { ...state([1, 1], 7), closed: false })).toBe(true);
    expect(isNewer(state([2, 1], 5, 2), { ...state([2, 0], 6, 2), closed: false })).toBe(true); // a multiple-answer un-tick
  });
  it("ignores a late arrival (lower update_id) and a duplicate (the same one), whatever their totals", () => {
    expect(isNewer(state([1, 1], 7), { ...state([2, 1], 5), closed: false })).toBe(false);
    expect(isNewer(state([1, 2], 6), { ...state([2, 1], 5), closed: false })).toBe(false);
    expect(isNewer(state([1, 2], 6), { ...state([1, 2], 6), closed: false })).toBe(false);
  });
  it("takes a lower update_id over counts older than any late delivery: Telegram started a new series", () => {
    const now = new Date("2025-05-10T00:00:00Z");
    const old = { ...state([4, 1], 900), writtenAt: new Date(now.getTime() - ID_RESTART_AFTER_MS - 1) };
    const recent = { ...state([4, 1], 900), writtenAt: new Date(now.getTime() - 3_600_000) };
    expect(isNewer(old, { ...state([4, 2], 12), closed: false }, now)).toBe(true);
    expect(isNewer(recent, { ...state([4, 2], 12), closed: false }, now)).toBe(false);
    expect(isNewer(old, { ...state([4, 2], 900), closed: false }, now)).toBe(false);
  });
  it("lets the closed poll's final numbers replace anything, and nothing replace them", () => {
    expect(isNewer(state([9, 9], 50), { ...state([3, 1], 60), closed: true })).toBe(true);
    expect(isNewer(state([9, 9], 50), { ...state([3, 1], 40), closed: true })).toBe(true);
    expect(isNewer(state([3, 1], FINAL_VERSION), { ...state([9, 9], 70), closed: false })).toBe(false);
    expect(isNewer(state([3, 1], FINAL_VERSION), { ...state([3, 1], 70), closed: true })).toBe(false);
  });
});

describe("merging Telegram with the site", () => {
  it("sums copies per option, adds the site, and gives shares of all votes to one decimal", () => {
    const merged = mergeResults({
      options: ["a", "b", "c", "d"], siteVotes: [294, 42, 258, 33], allowsMultipleAnswers: false,
      copies: [{ chatId: "1", counts: [3, 1, 2, 0], voters: 6 }, { chatId: "2", counts: [1, 0, 1, 1], voters: 3 }],
    });
    expect(merged.options.map((o) => [o.telegram, o.site, o.total, o.percent])).toEqual([[4, 294, 298, 46.9], [1, 42, 43, 6.8], [3, 258, 261, 41], [1, 33, 34, 5.3]]);
    expect(merged.votes).toEqual({ telegram: 9, site: 627, total: 636 });
    expect(merged.voters).toEqual({ telegram: 9, site: 627, total: 636 });
  });
  it("does not invent site voters for multiple-answer polls, and divides nothing by zero", () => {
    const merged = mergeResults({ options: ["a", "b"], siteVotes: [0, 0], allowsMultipleAnswers: true, copies: [] });
    expect(merged.options.map((o) => o.percent)).toEqual([0, 0]);
    expect(merged.voters).toEqual({ telegram: 0, site: null, total: 0 });
  });
  it("counts each voter's latest answer and skips retractions", () => {
    expect(tallyAnswers(3, [{ optionIds: [0, 2] }, { optionIds: [] }, { optionIds: [2] }, { optionIds: [7] }])).toEqual({ counts: [1, 0, 2], voters: 2 });
  });
  it("draws bars proportional to the share", () => {
    expect(bar(0)).toBe("░".repeat(12));
    expect(bar(1)).toBe("▓" + "░".repeat(11));
    expect(bar(50)).toBe("▓".repeat(6) + "░".repeat(6));
    expect(bar(100)).toBe("▓".repeat(12));
  });
});

describe("the /poll one-line form", () => {
  const now = new Date("2025-05-01T10:00:00Z");
  it("reads the question, options and flags", () => {
    expect(parsePollCommand("Q? | A | B --multi --public --closes 2d --chats @a_chan, -100123 --lang kk --id x1", now, "UTC")).toEqual({
      ok: true,
      input: {
        question: "Q?", options: ["A", "B"], allowsMultipleAnswers: true, isAnonymous: false,
        closesAt: "2025-05-03T10:00:00.000Z", chats: ["@a_chan", "-100123"], language: "kk", externalId: "x1",
      },
    });
  });
  it("reads one item per line too, and keeps ; in option texts", () => {
    expect(parsePollCommand("Довольны?\nДа. Делают очень хорошо;\nНет\n--closes 90m", now, "UTC")).toMatchObject({
      ok: true, input: { question: "Довольны?", options: ["Да. Делают очень хорошо;", "Нет"], closesAt: "2025-05-01T11:30:00.000Z" },
    });
  });
  it("names an unknown flag or an unreadable time", () => {
    expect(parsePollCommand("Q | A | B --forever", now, "UTC")).toEqual({ ok: false, code: "flag-unknown", params: { flag: "--forever" } });
    expect(parsePollCommand("Q | A | B --closes soon", now, "UTC")).toEqual({ ok: false, code: "closes-format", params: { value: "soon" } });
  });
});

describe("poll translations", () => {
  const parse = (locale: string) => {
    const text = readFileSync(`locales/${locale}/polls.ftl`, "utf8");
    const entries = new Map<string, Set<string>>();
    let key = "";
    for (const line of text.split("\n")) {
      const head = /^([a-z][a-z0-9-]*) =/.exec(line);
      if (head) entries.set((key = head[1]!), new Set());
      for (const m of line.matchAll(/\{ \$([a-zA-Z]+) \}/g)) entries.get(key)?.add(m[1]!);
    }
    return entries;
  };
  it("has every key with the same placeholders in ru, kk and en, all prefixed poll-", () => {
    const [ru, kk, en] = ["ru", "kk", "en"].map(parse) as [Map<string, Set<string>>, Map<string, Set<string>>, Map<string, Set<string>>];
    expect([...kk.keys()].sort()).toEqual([...ru.keys()].sort());
    expect([...en.keys()].sort()).toEqual([...ru.keys()].sort());
    for (const [key, vars] of ru) {
      expect(key.startsWith("poll-")).toBe(true);
      expect([...kk.get(key)!].sort(), key).toEqual([...vars].sort());
      expect([...en.get(key)!].sort(), key).toEqual([...vars].sort());
    }
  });
});
