import type { Tx } from "../db/create-database.ts";
import type { User } from "../db/generated/sqlite/client.ts";

export type UserRecord = User;

export function createUserRepository(db: Tx) {
  return {
    byTelegramId: (telegramId: string): Promise<UserRecord | null> => db.user.findUnique({ where: { telegramId } }),
    byId: (id: number): Promise<UserRecord | null> => db.user.findUnique({ where: { id } }),
    create: (data: { telegramId: string; firstName: string | null; username: string | null }): Promise<UserRecord> => db.user.create({ data }),
    async update(where: { telegramId: string } | { id: number }, data: Partial<Pick<UserRecord, "locale" | "isBanned" | "bannedAt" | "reachable">>): Promise<void> {
      await db.user.update({ where, data });
    },
  };
}
