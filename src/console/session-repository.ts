// Prisma access for console login links and sessions. Rows hold a SHA-256 of the secret, never the secret.
import type { Database } from "../db/create-database.ts";
import type { ConsoleSession } from "../db/generated/sqlite/client.ts";

export type ConsoleSessionRow = ConsoleSession;

export function createConsoleSessionRepository(db: Database) {
  return {
    create: (data: { tokenHash: string; kind: "login" | "session"; telegramId: string; name: string; languageCode: string | null; expiresAt: Date }) =>
      db.consoleSession.create({ data }),

    find: (tokenHash: string, kind: "login" | "session", now: Date): Promise<ConsoleSessionRow | null> =>
      db.consoleSession.findFirst({ where: { tokenHash, kind, expiresAt: { gt: now } } }),

    /** Deletes the row and says whether this call did: the one caller that gets `true` owns it. */
    async take(id: number): Promise<boolean> {
      const { count } = await db.consoleSession.deleteMany({ where: { id } });
      return count === 1;
    },

    async remove(tokenHash: string): Promise<void> {
      await db.consoleSession.deleteMany({ where: { tokenHash } });
    },

    async removeExpired(now: Date): Promise<number> {
      const { count } = await db.consoleSession.deleteMany({ where: { expiresAt: { lte: now } } });
      return count;
    },
  };
}
