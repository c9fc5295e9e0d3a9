// The people who talk to the bot: their language choice and whether they may use it.
import type { Database } from "../db/create-database.ts";
import type { User } from "../db/generated/sqlite/client.ts";

export type UserRecord = User;

export interface TelegramUser {
  id: number;
  first_name?: string;
  username?: string;
}

export function createUserService(deps: { db: Database }) {
  const { db } = deps;
  return {
    /** The stored user for a Telegram user, created on first contact. */
    async touch(from: TelegramUser): Promise<UserRecord> {
      const telegramId = String(from.id);
      const existing = await db.user.findUnique({ where: { telegramId } });
      if (existing) return existing;
      try {
        return await db.user.create({ data: { telegramId, firstName: from.first_name ?? null, username: from.username ?? null } });
      } catch {
        // Two updates from a new user at once: the other one created it.
        return db.user.findUniqueOrThrow({ where: { telegramId } });
      }
    },
    find(telegramId: number | string): Promise<UserRecord | null> {
      return db.user.findUnique({ where: { telegramId: String(telegramId) } });
    },
    byId(id: number): Promise<UserRecord | null> {
      return db.user.findUnique({ where: { id } });
    },
    async setLocale(telegramId: number | string, locale: string): Promise<void> {
      await db.user.update({ where: { telegramId: String(telegramId) }, data: { locale } });
    },
    async ban(userId: number, banned = true): Promise<void> {
      await db.user.update({ where: { id: userId }, data: { isBanned: banned, bannedAt: banned ? new Date() : null } });
    },
    async markUnreachable(userId: number): Promise<void> {
      await db.user.update({ where: { id: userId }, data: { reachable: false } });
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
