// Unfinished tips live as conversation state in the Session table (key / JSON value / updatedAt).
// The conversation storage adapter reads and writes through here; the expiry job deletes stale rows.
import type { Database } from "../db/create-database.ts";

/** Every conversation record of a private chat shares this prefix, so the expiry job finds them. */
export const CONVERSATION_KEY_PREFIX = "conversation:";

export interface SessionRow {
  value: string;
  updatedAt: Date;
}

export function createDraftSessionRepository(db: Database) {
  return {
    read: (key: string): Promise<SessionRow | null> =>
      db.session.findUnique({ where: { key }, select: { value: true, updatedAt: true } }),

    /** updatedAt is set from our clock (not Prisma's) so expiry follows the same clock as the tests. */
    async write(key: string, value: string, now: Date): Promise<void> {
      await db.session.upsert({ where: { key }, create: { key, value, updatedAt: now }, update: { value, updatedAt: now } });
    },

    async delete(key: string): Promise<void> {
      await db.session.deleteMany({ where: { key } });
    },

    async deleteOlderThan(prefix: string, before: Date): Promise<number> {
      const { count } = await db.session.deleteMany({ where: { key: { startsWith: prefix }, updatedAt: { lt: before } } });
      return count;
    },
  };
}

export type DraftSessionRepository = ReturnType<typeof createDraftSessionRepository>;
