// Channels the articles go to: seeded from CHANNELS, managed by editors with /channels.
import type { Database } from "../db/create-database.ts";
import { CHAT_ID_PATTERN, LOCALES, type ChannelSeed } from "../config.ts";
import { isLocale } from "../i18n.ts";
import { createChannelRepository, type ChannelRecord } from "./channel-repository.ts";

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
    async disable(chatId: string): Promise<ChannelRecord | null> {
      const channel = await channels.find(chatId);
      if (!channel) return null;
      await channels.setStatus(channel.id, "disabled", null);
      return { ...channel, status: "disabled" };
    },
  };
}

export type ChannelService = ReturnType<typeof createChannelService>;
