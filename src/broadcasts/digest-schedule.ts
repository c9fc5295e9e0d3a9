// When digests are due, on the newsroom's wall clock (TIMEZONE). Pure functions of a moment.
//   A slot is a local hour: every reader whose digest hour it is gets their digest at HH:MM, where MM is
//   DIGEST_TIME's minute. Weekly digests go out on Mondays, at the reader's hour.
export interface DigestSlot {
  /** `digest:2026-05-04T08`: one broadcast per slot, however often the job runs */
  key: string;
  hour: number;
  /** Monday: weekly readers of this hour too */
  weekly: boolean;
}

export const WEEKLY_DAY = 1; // Monday, as Date.getUTCDay() counts
export const DAY_MS = 86_400_000;

interface LocalTime {
  date: string;
  hour: number;
  minute: number;
  weekday: number;
}

export function localTime(at: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", {
    timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23", weekday: "short",
  }).formatToParts(at).map((part) => [part.type, part.value]));
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday!);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute), weekday };
}

/**
 * The slots whose time has come by `now`: the latest one, and the ones of the `catchUpHours` before it
 * (a restart or an outage around HH:MM must not cost readers their digest; each slot is sent once).
 */
export function dueSlots(now: Date, timeZone: string, minute: number, catchUpHours = 2): DigestSlot[] {
  const slots: DigestSlot[] = [];
  const local = localTime(now, timeZone);
  // The latest slot: this hour if its minute has passed, else the previous hour.
  const latest = new Date(now.getTime() - (local.minute >= minute ? 0 : 3_600_000));
  for (let back = catchUpHours; back >= 0; back--) {
    const at = localTime(new Date(latest.getTime() - back * 3_600_000), timeZone);
    slots.push({ key: `digest:${at.date}T${String(at.hour).padStart(2, "0")}`, hour: at.hour, weekly: at.weekday === WEEKLY_DAY });
  }
  return slots;
}

/** Where a reader's digest starts: after their last one, and no earlier than a day (a week) before `asOf`. */
export function digestSince(period: "daily" | "weekly", asOf: Date, lastDigestAt: Date | null): Date {
  const floor = new Date(asOf.getTime() - (period === "weekly" ? 7 : 1) * DAY_MS);
  return lastDigestAt && lastDigestAt > floor ? lastDigestAt : floor;
}
