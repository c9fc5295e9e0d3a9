// Dates as clients write them. An ISO 8601 date-time with an offset means that instant; one without an
// offset ("2026-12-03T10:00", "2026-12-03") is a time on the newsroom's wall clock, read in TIMEZONE —
// never in the server's own zone, which a newsroom does not choose. Milliseconds since 1970 are taken
// as they are. Only four-digit years are accepted: both stores hold them, and a year like 275760
// (the end of JavaScript's time) is a bug in the client, not a date.

export const EARLIEST = Date.UTC(1000, 0, 1);
export const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export type DateReading = { ok: true; date: Date } | { ok: false; reason: "format" | "early" | "late" };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Reads an API date: ISO 8601 (offset or TIMEZONE's wall clock) or epoch milliseconds. */
export function readDateTime(value: string | number, timeZone: string): DateReading {
  if (typeof value === "number") return Number.isFinite(value) ? inRange(value) : { ok: false, reason: "format" };
  const text = value.trim();
  const m = ISO.exec(text);
  if (!m) {
    // "+275760-09-13T00:00:00Z" (ISO's six-digit years) or "10000-01-01": a date, out of range, not unreadable.
    const year = /^([+-]?)(\d{4,6})-\d{2}-\d{2}(?:[T ]|$)/.exec(text);
    if (!year) return { ok: false, reason: "format" };
    return { ok: false, reason: year[1] === "-" || Number(year[2]) < 1000 ? "early" : "late" };
  }
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? "0", m[5] ?? "0", m[6] ?? "0"].map(Number) as
    [number, number, number, number, number, number];
  const ms = Number((m[7] ?? "0").padEnd(3, "0").slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: "format" };
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const zone = m[8];
  if (zone === undefined) return inRange(wallClockToUtc(wall, timeZone));
  if (zone.toUpperCase() === "Z") return inRange(wall);
  const [, sign, hh, mm] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
  const offset = (Number(hh) * 60 + Number(mm ?? 0)) * 60_000;
  if (Number(hh) > 23 || Number(mm ?? 0) > 59) return { ok: false, reason: "format" };
  return inRange(sign === "+" ? wall - offset : wall + offset);
}

function inRange(ms: number): DateReading {
  if (ms < EARLIEST) return { ok: false, reason: "early" };
  if (ms > LATEST) return { ok: false, reason: "late" };
  return { ok: true, date: new Date(ms) };
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `at` (ms). */
function offsetAt(at: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
    });
    formatters.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(new Date(at)).map((p) => [p.type, Number(p.value)]));
  const wall = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  return wall - (at - (((at % 1000) + 1000) % 1000));
}

/**
 * The instant at which `timeZone`'s clock shows `wall` (a wall-clock time encoded as if it were UTC).
 * Two passes settle offsets that change in between (daylight saving); a wall-clock time that a change
 * skips or repeats is read with one of the two offsets around it.
 */
export function wallClockToUtc(wall: number, timeZone: string): number {
  const first = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(first, timeZone);
}
