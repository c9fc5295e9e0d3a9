// The articles a digest lists: published in the reader's language and sections within the period.
import type { Database } from "../db/create-database.ts";

export interface DigestQuery {
  language: string;
  /** null = every section */
  sections: string[] | null;
  /** after this moment … */
  since: Date;
  /** … up to this one */
  asOf: Date;
  limit: number;
}

export function createDigestRepository(db: Database) {
  return {
    /**
     * Newest first. An article counts from when it appeared: its arrival, or its publishAt when it was
     * scheduled. Articles without a section reach every reader (there is no section to follow or leave).
     */
    async articles(query: DigestQuery): Promise<Array<{ title: string; url: string; section: string | null; at: Date }>> {
      const rows = await db.article.findMany({
        where: {
          language: query.language,
          status: "published",
          ...(query.sections ? { OR: [{ section: null }, { section: { in: query.sections } }] } : {}),
          AND: [{
            OR: [
              { createdAt: { gt: query.since, lte: query.asOf }, OR: [{ publishAt: null }, { publishAt: { lte: query.asOf } }] },
              { publishAt: { gt: query.since, lte: query.asOf } },
            ],
          }],
        },
        select: { title: true, url: true, section: true, createdAt: true, publishAt: true },
        orderBy: { createdAt: "desc" },
        take: query.limit * 3,
      });
      return rows
        .map((row) => ({ title: row.title, url: row.url, section: row.section, at: row.publishAt && row.publishAt > row.createdAt ? row.publishAt : row.createdAt }))
        .sort((a, b) => b.at.getTime() - a.at.getTime())
        .slice(0, query.limit);
    },
  };
}

export type DigestRepository = ReturnType<typeof createDigestRepository>;
