// The field types every input schema is built from (articles, polls, site votes), so the HTTP API, the
// feed poller and the editors' commands refuse and clean the same things the same way. What is cleaned
// and what is refused is listed in README.md ("What the API cleans and what it refuses").
import { z } from "zod";
import { cleanText, isCleanText } from "../text/clean.ts";
import { readDateTime } from "./date-time.ts";

/** Untrusted text: cleaned (src/text/clean.ts), then checked by `rules` (trim, length…) as usual. */
export function text<T extends z.ZodType<string, string>>(rules: T, message?: string) {
  return z.string(message === undefined ? undefined : { error: message }).transform(cleanText).pipe(rules);
}

/** The message an identifier with invisible or broken characters gets. */
export const UNCLEAN_ID = "must not contain control characters or broken Unicode";

/** An identifier (externalId): trimmed, 1–200 characters, never cleaned — refused when it is not clean. */
export function identifier(messages: { type?: string; empty: string; long: string; unclean: string }) {
  return z.string(messages.type === undefined ? undefined : { error: messages.type }).trim()
    .min(1, messages.empty).max(200, messages.long).refine(isCleanText, messages.unclean);
}

/** A date-time (src/input/date-time.ts), a `Date` once read; the messages say unreadable, too early, too late. */
export function dateTime(timeZone: string, messages: { format: string; early: string; late: string }) {
  return z.union([z.string(), z.number()], { error: messages.format }).transform((value, ctx) => {
    const read = readDateTime(value, timeZone);
    if (read.ok) return read.date;
    ctx.addIssue({ code: "custom", message: messages[read.reason] });
    return z.NEVER;
  });
}

const YEARS = "must be between the years 1000 and 9999";
export const DATE_MESSAGES = {
  format: "must be an ISO 8601 date-time such as 2026-12-03T10:00:00+05:00 (without an offset: in TIMEZONE)",
  early: YEARS,
  late: YEARS,
} as const;

/** The most votes one option may have on the site: far beyond any site, far below where sums lose precision. */
export const MAX_SITE_VOTES = 1_000_000_000;

export const isSiteCount = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_SITE_VOTES;

/**
 * The external id a client's reference names (a URL segment, an editor's argument), read as POST reads
 * it: trimmed; null when no stored externalId could be it (empty, too long, unclean), so the store is
 * never asked for what it cannot hold (PostgreSQL refuses NUL in text).
 */
export function externalKey(reference: string): string | null {
  const key = reference.trim();
  return key.length > 0 && key.length <= 200 && isCleanText(key) ? key : null;
}
