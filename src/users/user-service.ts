// The people who talk to the bot: their language choice and whether they may use it.
import type { Database } from "../db/create-database.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { createUserRepository, type UserRecord } from "./user-repository.ts";

export type { UserRecord } from "./user-repository.ts";

export interface TelegramUser {
  id: number;
  first_name?: string;
  username?: string;
}

export function createUserService(deps: { db: Database }) {
  const users = createUserRepository(deps.db);
  return {
    /** The stored user for a Telegram user, created on first contact. */
    async touch(from: TelegramUser): Promise<UserRecord> {
      const telegramId = String(from.id);
      const existing = await users.byTelegramId(telegramId);
      // Someone who blocked the bot (403) and writes to it again may be written to again.
      if (existing && !existing.reachable) {
        await users.update({ id: existing.id }, { reachable: true });
        return { ...existing, reachable: true };
      }
      if (existing) return existing;
      try {
        return await users.create({ telegramId, firstName: from.first_name ?? null, username: from.username ?? null });
      } catch (error) {
        // Two updates from a new user at once: the other one created it.
        if (!isUniqueViolation(error)) throw error;
        return (await users.byTelegramId(telegramId))!;
      }
    },
    find: (telegramId: number | string) => users.byTelegramId(String(telegramId)),
    byId: (id: number) => users.byId(id),
    setLocale: (telegramId: number | string, locale: string) => users.update({ telegramId: String(telegramId) }, { locale }),
    ban: (userId: number, banned = true) => users.update({ id: userId }, { isBanned: banned, bannedAt: banned ? new Date() : null }),
    markUnreachable: (userId: number) => users.update({ id: userId }, { reachable: false }),
    /** my_chat_member in a private chat: the person blocked (false) or unblocked (true) the bot. */
    async setReachable(telegramId: number | string, reachable: boolean): Promise<void> {
      const user = await users.byTelegramId(String(telegramId));
      if (user && user.reachable !== reachable) await users.update({ id: user.id }, { reachable });
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
