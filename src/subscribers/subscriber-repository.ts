// Readers' subscriptions in the store. Sections are rows (SubscriberSection), not a JSON list, so that an
// audience ("follows this section") is one indexed SQL condition when a broadcast resolves it.
import type { Tx } from "../db/create-database.ts";
import type { Subscriber } from "../db/generated/sqlite/client.ts";

export type SubscriberRow = Subscriber & { sections: Array<{ section: string }> };
export type DigestFrequency = "daily" | "weekly" | "off";
export const DIGEST_FREQUENCIES: readonly DigestFrequency[] = ["daily", "weekly", "off"];

const withSections = { sections: { select: { section: true }, orderBy: { section: "asc" } } } as const;

export function createSubscriberRepository(db: Tx) {
  return {
    byUserId: (userId: number, tx: Tx = db): Promise<SubscriberRow | null> =>
      tx.subscriber.findUnique({ where: { userId }, include: withSections }),

    create: (data: { userId: number; language: string; digestHour: number; now: Date }, tx: Tx = db): Promise<SubscriberRow> =>
      tx.subscriber.create({
        data: { userId: data.userId, language: data.language, digestHour: data.digestHour, subscribedAt: data.now },
        include: withSections,
      }),

    async update(userId: number, data: Partial<Pick<Subscriber, "language" | "allSections" | "breaking" | "digest" | "digestHour" | "active" | "subscribedAt" | "unsubscribedAt">>, tx: Tx = db): Promise<void> {
      await tx.subscriber.update({ where: { userId }, data });
    },

    async replaceSections(subscriberId: number, sections: string[], tx: Tx): Promise<void> {
      await tx.subscriberSection.deleteMany({ where: { subscriberId } });
      if (sections.length > 0) await tx.subscriberSection.createMany({ data: sections.map((section) => ({ subscriberId, section })) });
    },

    async addSection(subscriberId: number, section: string, tx: Tx = db): Promise<void> {
      await tx.subscriberSection.upsert({
        where: { subscriberId_section: { subscriberId, section } }, create: { subscriberId, section }, update: {},
      });
    },

    async removeSection(subscriberId: number, section: string, tx: Tx = db): Promise<void> {
      await tx.subscriberSection.deleteMany({ where: { subscriberId, section } });
    },

    /** Sections the site really publishes (published articles), most used first. */
    async publishedSections(language: string | undefined, since: Date, limit: number): Promise<string[]> {
      const rows = await db.article.groupBy({
        by: ["section"],
        where: { status: "published", section: { not: null }, createdAt: { gte: since }, ...(language ? { language } : {}) },
        _count: { _all: true },
        orderBy: { _count: { section: "desc" } },
        take: limit,
      });
      return rows.map((row) => row.section!).filter((section) => section.trim() !== "");
    },

    delete: async (userId: number, tx: Tx = db): Promise<void> => void (await tx.subscriber.deleteMany({ where: { userId } })),

    // Figures for /subscribers and GET /api/subscribers/stats: a handful of grouped counts, never rows.
    countBy: (by: "language" | "digest", tx: Tx = db) =>
      tx.subscriber.groupBy({ by: [by], where: { active: true }, _count: { _all: true } }),
    countActive: (where: { breaking?: boolean; allSections?: boolean; blocked?: boolean } = {}, tx: Tx = db): Promise<number> =>
      tx.subscriber.count({
        where: {
          active: true,
          ...(where.breaking !== undefined ? { breaking: where.breaking } : {}),
          ...(where.allSections !== undefined ? { allSections: where.allSections } : {}),
          ...(where.blocked !== undefined ? { user: { reachable: !where.blocked } } : {}),
        },
      }),
    countSections: (tx: Tx = db) =>
      tx.subscriberSection.groupBy({ by: ["section"], where: { subscriber: { active: true, allSections: false } }, _count: { _all: true } }),
    countJoinedSince: (since: Date, tx: Tx = db) => tx.subscriber.count({ where: { active: true, subscribedAt: { gte: since } } }),
    countLeftSince: (since: Date, tx: Tx = db) => tx.subscriber.count({ where: { active: false, unsubscribedAt: { gte: since } } }),
  };
}

export type SubscriberRepository = ReturnType<typeof createSubscriberRepository>;
