/** The hour (0-23) on the newsroom's wall clock. */
export function localHour(at: Date, timeZone: string): number {
  const hour = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(at);
  return Number(hour);
}

/** Quiet hours may wrap midnight: 23-7 means from 23:00 until 06:59. */
export function isQuietHour(at: Date, timeZone: string, quiet: { from: number; to: number } | null): boolean {
  if (!quiet || quiet.from === quiet.to) return false;
  const hour = localHour(at, timeZone);
  return quiet.from < quiet.to ? hour >= quiet.from && hour < quiet.to : hour >= quiet.from || hour < quiet.to;
}
