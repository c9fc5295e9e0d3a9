// Results as a message: a bar per option, in the reader's language. Plain text on purpose: the question
// and options are untrusted text, and without a parse mode nothing in them can break the message.
import type { PollResults } from "./poll-results.ts";

export type Translator = (key: string, variables?: Record<string, string | number>) => string;

const BAR_WIDTH = 12;

/** ▓▓▓▓▓░░░░░░░ — rounded to the nearest cell, at least one cell for any non-zero share. */
export function bar(percent: number, width = BAR_WIDTH): string {
  const filled = percent <= 0 ? 0 : Math.max(1, Math.min(width, Math.round((percent / 100) * width)));
  return "▓".repeat(filled) + "░".repeat(width - filled);
}

export function formatPercent(percent: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(percent);
}

/**
 * The results body shared by the channel post (`final`) and /stats. Telegram caps a message at 4096
 * characters; 300 + 12 × (100 + ~40) stays well under it.
 */
export function renderResults(question: string, results: PollResults, t: Translator, locale: string, final: boolean): string {
  const lines = [t(final ? "poll-results-final-title" : "poll-results-title", { question }), ""];
  for (const option of results.options) {
    lines.push(option.text);
    lines.push(`${bar(option.percent)} ${t("poll-results-option", {
      percent: formatPercent(option.percent, locale), total: option.total, telegram: option.telegram, site: option.site,
    })}`);
  }
  lines.push("");
  lines.push(t("poll-results-votes", { total: results.votes.total, telegram: results.votes.telegram, site: results.votes.site }));
  lines.push(results.voters.site === null
    ? t("poll-results-voters-telegram", { telegram: results.voters.telegram })
    : t("poll-results-voters", { total: results.voters.total, telegram: results.voters.telegram, site: results.voters.site }));
  return lines.join("\n");
}
