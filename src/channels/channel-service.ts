// Channels the articles go to: seeded from CHANNELS, managed by editors with /channels.
import type { Database } from "../db/create-database.ts";
import { CHAT_ID_PATTERN, LOCALES, type ChannelSeed } from "../config.ts";
import { isLocale } from "../i18n.ts";
import { createChannelRepository, type ChannelRecord } from "./channel-repository.ts";
import type { MembershipEvent } from "./membership.ts";

export class ChannelInputError extends Error {
  override name = "ChannelInputError";
  constructor(readonly code: "chat-id" | "language", readonly value: string) {
    super(code === "chat-id" ? `"${value}" is not a chat id or @username` : `"${value}" is not one of ${LOCALES.join(", ")}`);
  }
}

export function createChannelService(deps: { db: Database; onOutbox: () => void }) {
  const channels = createChannelRepository(deps.db);
  return {
    async seed(seeds: ChannelSeed[]): Promise<void> {
      for (const seed of seeds) await channels.ensure(seed.chatId, seed.language);
    },
    list: (): Promise<ChannelRecord[]> => channels.list(),
    find: (chatId: string) => channels.find(chatId),
    /** Adds or re-enables a channel; its waiting posts go out. */
    async add(chatId: string, language: string): Promise<ChannelRecord> {
      if (!CHAT_ID_PATTERN.test(chatId)) throw new ChannelInputError("chat-id", chatId);
      if (!isLocale(language)) throw new ChannelInputError("language", language);
      const channel = await channels.upsert(chatId, language);
      deps.onOutbox();
      return channel;
    },
    /**
     * Records what Telegram just said about the bot in one of our channels (`my_chat_member`): its title,
     * and whether posts can go there. A channel that removed the bot or took its right to post is marked
     * forbidden (its posts wait, as after a 403); one that gives the right back is active again and its
     * waiting posts go out. A channel an editor disabled stays disabled. Null for a chat that is not ours.
     */
    async recordMembership(chat: { id: number; username?: string; title?: string }, event: MembershipEvent):
      Promise<{ channel: ChannelRecord; reactivated: boolean } | null> {
      const channel = await channels.byTelegramChat(chat);
      if (!channel) return null;
      if (chat.title && chat.title !== channel.title) await channels.setTitle(channel.id, chat.title);
      const lost = event === "removed" || event === "rights-lost";
      if (lost && channel.status === "active") {
        const reason = event === "removed" ? "the bot was removed from the channel" : "the bot may no longer post in the channel";
        await channels.setStatus(channel.id, "forbidden", reason);
        return { channel: { ...channel, title: chat.title ?? channel.title, status: "forbidden", lastError: reason }, reactivated: false };
      }
      if (!lost && channel.status === "forbidden") {
        await channels.setStatus(channel.id, "active", null);
        deps.onOutbox();
        return { channel: { ...channel, title: chat.title ?? channel.title, status: "active", lastError: null }, reactivated: true };
      }
      return { channel: { ...channel, title: chat.title ?? channel.title }, reactivated: false };
    },
    async disable(chatId: string): Promise<ChannelRecord | null> {
      const channel = await channels.find(chatId);
      if (!channel) return null;
      await channels.setStatus(channel.id, "disabled", null);
      return { ...channel, status: "disabled" };
    },
  };
}

export type ChannelService = ReturnType<typeof createChannelService>;
