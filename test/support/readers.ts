// Readers for broadcast tests and benchmarks: users with subscriptions, written straight to the store in
// batches (thousands in a second), as if each had pressed /subscribe.
import type { Database } from "../../src/db/create-database.ts";
import type { App } from "../../src/app.ts";
import type { BroadcastProgress } from "../../src/broadcasts/broadcast-types.ts";

export interface ReaderSeed {
  language?: string;
  breaking?: boolean;
  digest?: "daily" | "weekly" | "off";
  digestHour?: number;
  /** null: every section */
  sections?: string[] | null;
  active?: boolean;
  lastDigestAt?: Date | null;
}

/** Creates `count` readers with Telegram ids firstId, firstId+1, …; `seed(i)` varies their settings. */
export async function seedReaders(db: Database, firstId: number, count: number, seed: (index: number) => ReaderSeed = () => ({})): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < count; start += 1000) {
    const size = Math.min(1000, count - start);
    const telegramIds = Array.from({ length: size }, (_, i) => String(firstId + start + i));
    await db.user.createMany({ data: telegramIds.map((telegramId) => ({ telegramId, firstName: `Reader ${telegramId}` })) });
    const users = await db.user.findMany({ where: { telegramId: { in: telegramIds } }, select: { id: true, telegramId: true } });
    const byTelegram = new Map(users.map((u) => [u.telegramId, u.id]));
    const rows = telegramIds.map((telegramId, i) => ({ userId: byTelegram.get(telegramId)!, settings: seed(start + i) }));
    await db.subscriber.createMany({
      data: rows.map(({ userId, settings }) => ({
        userId, language: settings.language ?? "ru", breaking: settings.breaking ?? true, digest: settings.digest ?? "daily",
        digestHour: settings.digestHour ?? 8, allSections: !settings.sections, active: settings.active ?? true,
        lastDigestAt: settings.lastDigestAt ?? null,
      })),
    });
    const chosen = rows.filter((row) => row.settings.sections && row.settings.sections.length > 0);
    if (chosen.length > 0) {
      const subscribers = await db.subscriber.findMany({ where: { userId: { in: chosen.map((row) => row.userId) } }, select: { id: true, userId: true } });
      const bySubscriber = new Map(subscribers.map((s) => [s.userId, s.id]));
      await db.subscriberSection.createMany({
        data: chosen.flatMap((row) => row.settings.sections!.map((section) => ({ subscriberId: bySubscriber.get(row.userId)!, section }))),
      });
    }
    ids.push(...telegramIds.map(Number));
  }
  return ids;
}

/** Waits until a broadcast is done or cancelled, letting the engine run between looks. */
export async function settleBroadcast(app: App, id: number, timeoutMs = 60_000): Promise<BroadcastProgress> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress = await app.services.broadcasts.progress(id);
    if (progress.status === "done" || progress.status === "cancelled") return progress;
    if (Date.now() > deadline) throw new Error(`broadcast ${id} still ${progress.status} after ${timeoutMs} ms: ${JSON.stringify(progress)}`);
    app.broadcaster.wake();
    await app.broadcaster.idle();
    // A broadcast resting between retries is not "due": give the engine a moment before looking again.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
