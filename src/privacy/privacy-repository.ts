// What the store keeps about one person, and erasing it. Tips are the newsroom's material: they stay,
// cut loose from the person (no user, no phone, no message ids in their chat).
import type { Database } from "../db/create-database.ts";
import { CONVERSATION_KEY_PREFIX } from "../tips/draft-session-repository.ts";

export function createPrivacyRepository(db: Database) {
  return {
    async snapshot(userId: number) {
      const user = await db.user.findUnique({
        where: { id: userId },
        include: {
          subscription: { include: { sections: { select: { section: true }, orderBy: { section: "asc" } } } },
          tips: { select: { reference: true, status: true, topic: true, createdAt: true, contactPhone: true, consent: true }, orderBy: { id: "asc" } },
        },
      });
      if (!user) return null;
      const [received, pollAnswers, conversation] = await Promise.all([
        db.broadcastRecipient.count({ where: { userId, state: { in: ["sent", "deleting", "deleted", "kept"] } } }),
        db.pollAnswer.count({ where: { userId: user.telegramId } }),
        db.session.count({ where: { key: `${CONVERSATION_KEY_PREFIX}${user.telegramId}` } }),
      ]);
      return { user, received, pollAnswers, conversationInProgress: conversation > 0 };
    },

    /**
     * Erases a person in one transaction. A banned person keeps a bare record (their Telegram id and the
     * ban, nothing else), or /forget would lift a spam ban. Returns how many tips were anonymised.
     */
    async forget(userId: number): Promise<{ tips: number } | null> {
      return db.$transaction(async (tx) => {
        const user = await tx.user.findUnique({ where: { id: userId } });
        if (!user) return null;
        const tips = await tx.tip.findMany({ where: { userId }, select: { id: true } });
        const tipIds = tips.map((tip) => tip.id);
        await tx.tipMessage.updateMany({ where: { tipId: { in: tipIds } }, data: { citizenMessageId: null } });
        // "May publish with my name": there is no name any more.
        await tx.tip.updateMany({ where: { id: { in: tipIds }, consent: "name" }, data: { consent: "anonymous" } });
        await tx.tip.updateMany({ where: { id: { in: tipIds } }, data: { userId: null, contactPhone: null } });
        await tx.pollAnswer.deleteMany({ where: { userId: user.telegramId } });
        await tx.session.deleteMany({ where: { key: `${CONVERSATION_KEY_PREFIX}${user.telegramId}` } });
        await tx.broadcastRecipient.deleteMany({ where: { userId } });
        await tx.subscriber.deleteMany({ where: { userId } });
        if (user.isBanned) {
          await tx.user.update({ where: { id: userId }, data: { firstName: null, username: null, locale: null } });
        } else {
          await tx.user.delete({ where: { id: userId } });
        }
        return { tips: tipIds.length };
      });
    },
  };
}

export type PrivacyRepository = ReturnType<typeof createPrivacyRepository>;
