// Readers' subscriptions: one tap to subscribe with sensible defaults, then settings one change at a time.
// The bot's menu, the HTTP stats and the editors' /subscribers all come here.
import { createHash } from "node:crypto";
import type { Database } from "../db/create-database.ts";
import type { Clock } from "../clock.ts";
import { isLocale } from "../i18n.ts";
import { createSubscriberRepository, DIGEST_FREQUENCIES, type DigestFrequency, type SubscriberRow } from "./subscriber-repository.ts";

export type { SubscriberRow, DigestFrequency } from "./subscriber-repository.ts";
export { DIGEST_FREQUENCIES } from "./subscriber-repository.ts";

/** How far back "the sections the site publishes" looks, and how many a menu shows. */
const SECTIONS_LOOKBACK_DAYS = 180;
export const MAX_MENU_SECTIONS = 24;

export interface SubscriberServiceDeps {
  db: Database;
  clock: Clock;
  /** DIGEST_TIME's hour: the default digest hour of a new subscriber */
  defaultDigestHour: number;
}

export class NotSubscribedError extends Error {
  override name = "NotSubscribedError";
  constructor(readonly userId: number) {
    super(`user ${userId} has no subscription`);
  }
}

/** A short, stable key for a section name: Telegram's callback data holds 64 bytes, section names more. */
export function sectionKey(section: string): string {
  return createHash("sha256").update(section).digest("base64url").slice(0, 10);
}

export interface SubscriberStats {
  subscribed: number;
  reachable: number;
  blocked: number;
  breaking: number;
  byLanguage: Record<string, number>;
  byFrequency: Record<DigestFrequency, number>;
  /** readers following every section, and per section those who chose sections */
  bySection: { all: number; chosen: Record<string, number> };
  change7d: { subscribed: number; unsubscribed: number; net: number };
}

export function createSubscriberService(deps: SubscriberServiceDeps) {
  const repo = createSubscriberRepository(deps.db);

  async function mustGet(userId: number): Promise<SubscriberRow> {
    const row = await repo.byUserId(userId);
    if (!row) throw new NotSubscribedError(userId);
    return row;
  }

  return {
    get: (userId: number) => repo.byUserId(userId),

    /**
     * /subscribe: the reader's language, every section, breaking alerts, the daily digest at DIGEST_TIME.
     * A reader who unsubscribed before gets their old settings back.
     */
    async subscribe(userId: number, language: string): Promise<{ subscriber: SubscriberRow; created: boolean; resumed: boolean }> {
      const now = deps.clock.now();
      const existing = await repo.byUserId(userId);
      if (existing) {
        if (existing.active) return { subscriber: existing, created: false, resumed: false };
        await repo.update(userId, { active: true, subscribedAt: now, unsubscribedAt: null });
        return { subscriber: await mustGet(userId), created: false, resumed: true };
      }
      const subscriber = await repo.create({ userId, language: isLocale(language) ? language : "ru", digestHour: deps.defaultDigestHour, now });
      return { subscriber, created: true, resumed: false };
    },

    /** /unsubscribe: everything stops at once; the settings are kept for a later /subscribe. */
    async unsubscribe(userId: number): Promise<boolean> {
      const existing = await repo.byUserId(userId);
      if (!existing?.active) return false;
      await repo.update(userId, { active: false, unsubscribedAt: deps.clock.now() });
      return true;
    },

    async setBreaking(userId: number, on: boolean): Promise<SubscriberRow> {
      await mustGet(userId);
      await repo.update(userId, { breaking: on });
      return mustGet(userId);
    },

    async setDigest(userId: number, frequency: DigestFrequency): Promise<SubscriberRow> {
      if (!DIGEST_FREQUENCIES.includes(frequency)) throw new Error(`unknown digest frequency ${String(frequency)}`);
      await mustGet(userId);
      await repo.update(userId, { digest: frequency });
      return mustGet(userId);
    },

    async setDigestHour(userId: number, hour: number): Promise<SubscriberRow> {
      if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new Error(`digest hour must be 0-23, got ${hour}`);
      await mustGet(userId);
      await repo.update(userId, { digestHour: hour });
      return mustGet(userId);
    },

    async setLanguage(userId: number, language: string): Promise<SubscriberRow> {
      if (!isLocale(language)) throw new Error(`unknown language ${language}`);
      await mustGet(userId);
      await repo.update(userId, { language });
      return mustGet(userId);
    },

    /** Every section again, today's and future ones. */
    async followAllSections(userId: number): Promise<SubscriberRow> {
      const row = await mustGet(userId);
      await deps.db.$transaction(async (tx) => {
        await repo.update(userId, { allSections: true }, tx);
        await repo.replaceSections(row.id, [], tx);
      });
      return mustGet(userId);
    },

    /**
     * Turns one section on or off. From "every section", turning one off means "all the others I can see":
     * `shown` is the list the reader was looking at.
     */
    async toggleSection(userId: number, section: string, shown: string[]): Promise<SubscriberRow> {
      const row = await mustGet(userId);
      await deps.db.$transaction(async (tx) => {
        if (row.allSections) {
          await repo.update(userId, { allSections: false }, tx);
          await repo.replaceSections(row.id, shown.filter((s) => s !== section), tx);
        } else if (row.sections.some((s) => s.section === section)) {
          await repo.removeSection(row.id, section, tx);
        } else {
          await repo.addSection(row.id, section, tx);
        }
      });
      return mustGet(userId);
    },

    /** Sections the site publishes in this language (most used first), for the settings menu. */
    sections(language?: string): Promise<string[]> {
      const since = new Date(deps.clock.now().getTime() - SECTIONS_LOOKBACK_DAYS * 86_400_000);
      return repo.publishedSections(language, since, MAX_MENU_SECTIONS);
    },

    async stats(): Promise<SubscriberStats> {
      const weekAgo = new Date(deps.clock.now().getTime() - 7 * 86_400_000);
      const [subscribed, blocked, breaking, all, languages, frequencies, sections, joined, left] = await Promise.all([
        repo.countActive(), repo.countActive({ blocked: true }), repo.countActive({ breaking: true }), repo.countActive({ allSections: true }),
        repo.countBy("language"), repo.countBy("digest"), repo.countSections(), repo.countJoinedSince(weekAgo), repo.countLeftSince(weekAgo),
      ]);
      const byFrequency = { daily: 0, weekly: 0, off: 0 } as Record<DigestFrequency, number>;
      for (const row of frequencies) byFrequency[row.digest as DigestFrequency] = row._count._all;
      return {
        subscribed, reachable: subscribed - blocked, blocked, breaking,
        byLanguage: Object.fromEntries(languages.map((row) => [row.language, row._count._all])),
        byFrequency,
        bySection: { all, chosen: Object.fromEntries(sections.map((row) => [row.section, row._count._all])) },
        change7d: { subscribed: joined, unsubscribed: left, net: joined - left },
      };
    },
  };
}

export type SubscriberService = ReturnType<typeof createSubscriberService>;
