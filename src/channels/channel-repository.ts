import type { Tx } from "../db/create-database.ts";

export type ChannelStatus = "active" | "forbidden" | "migrated" | "disabled";

export interface ChannelRecord {
  id: number;
  chatId: string;
  title: string | null;
  language: string;
  status: string;
  lastError: string | null;
  lastMessageId: number | null;
}

export function createChannelRepository(db: Tx) {
  return {
    async upsert(rawChatId: string, language: string, tx: Tx = db): Promise<ChannelRecord> {
      const chatId = normalizeChatId(rawChatId);
      return tx.channel.upsert({
        where: { chatId },
        create: { chatId, language },
        update: { language, status: "active", lastError: null },
      });
    },
    /** Seeds from CHANNELS without re-enabling a channel an editor disabled or Telegram refused. */
    async ensure(rawChatId: string, language: string, tx: Tx = db): Promise<ChannelRecord> {
      const chatId = normalizeChatId(rawChatId);
      return tx.channel.upsert({ where: { chatId }, create: { chatId, language }, update: {} });
    },
    list(tx: Tx = db): Promise<ChannelRecord[]> {
      return tx.channel.findMany({ orderBy: { id: "asc" } });
    },
    activeFor(language: string, tx: Tx = db): Promise<ChannelRecord[]> {
      return tx.channel.findMany({ where: { language, status: "active" }, orderBy: { id: "asc" } });
    },
    find(chatId: string, tx: Tx = db): Promise<ChannelRecord | null> {
      return tx.channel.findUnique({ where: { chatId: normalizeChatId(chatId) } });
    },
    /** The channel a Telegram chat is, whether it was listed by numeric id or by @username. */
    byTelegramChat(chat: { id: number; username?: string }, tx: Tx = db): Promise<ChannelRecord | null> {
      const names = [String(chat.id), ...(chat.username ? [normalizeChatId(`@${chat.username}`)] : [])];
      return tx.channel.findFirst({ where: { chatId: { in: names } }, orderBy: { id: "asc" } });
    },
    async setTitle(id: number, title: string, tx: Tx = db): Promise<void> {
      await tx.channel.update({ where: { id }, data: { title } });
    },
    byId(id: number, tx: Tx = db): Promise<ChannelRecord | null> {
      return tx.channel.findUnique({ where: { id } });
    },
    async setStatus(id: number, status: ChannelStatus, lastError: string | null, tx: Tx = db): Promise<void> {
      await tx.channel.update({ where: { id }, data: { status, lastError } });
    },
    async changeChatId(id: number, chatId: string, tx: Tx = db): Promise<void> {
      await tx.channel.update({ where: { id }, data: { chatId, lastError: null, lastMessageId: null } });
    },
    /** Remembers the newest message id the bot confirmed in the chat (the crash-recovery probe starts there). */
    async noteMessageId(id: number, messageId: number, tx: Tx = db): Promise<void> {
      await tx.channel.updateMany({
        where: { id, OR: [{ lastMessageId: null }, { lastMessageId: { lt: messageId } }] },
        data: { lastMessageId: messageId },
      });
    },
  };
}

export type ChannelRepository = ReturnType<typeof createChannelRepository>;

/** Telegram usernames are case-insensitive: "@Karaganda_News" and "@karaganda_news" are one channel. */
export function normalizeChatId(chatId: string): string {
  const trimmed = chatId.trim();
  return trimmed.startsWith("@") ? trimmed.toLowerCase() : trimmed;
}

/** Telegram accepts "@name" or a number; a numeric string is sent as a number. */
export function toChatId(chatId: string): string | number {
  return /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
}
