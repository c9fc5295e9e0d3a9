// Where the bot stands: Telegram's `my_chat_member` update arrives the moment the bot is added to a chat,
// removed from it, or has its rights changed. Channels record it (status, title) through the channel
// service and the editors hear about it at once. The editors' group cannot be told that it removed the
// bot, so that is logged and told to ADMIN_IDS in private. Private chats (a reader blocking the bot) are
// handled by the subscribe feature further down.
import { Composer, type Api } from "grammy";
import type { Chat } from "grammy/types";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { membershipEvent, type MembershipEvent } from "../../channels/membership.ts";

type GroupOrChannel = Exclude<Chat, Chat.PrivateChat>;

export function createMembershipFeature(deps: BotDeps) {
  const { config, services } = deps;
  const log = deps.logger.child({ feature: "membership" });
  const feature = new Composer<BotContext>();

  const label = (chat: GroupOrChannel) => {
    const ref = "username" in chat && chat.username ? `@${chat.username}` : String(chat.id);
    return chat.title ? `${chat.title} (${ref})` : ref;
  };

  /** A notice in the editors' group, in the newsroom's language; best effort, never thrown. */
  async function tellEditors(api: Api, key: string, vars: Record<string, string>) {
    if (!config.editorChatId) return void log.warn({ notice: key, ...vars }, "editors' notice (no EDITOR_CHAT_ID set)");
    await api.sendMessage(config.editorChatId, deps.translate(config.defaultLocale, key, vars))
      .catch((error: unknown) => log.error({ err: error, notice: key }, "could not notify the editors"));
  }

  /** The editors' group itself is lost: the admins are the only ones left to tell, each in private. */
  async function tellAdmins(api: Api, key: string, vars: Record<string, string>) {
    if (config.adminIds.length === 0) return void log.error({ notice: key }, "no ADMIN_IDS to tell that the editors' group is lost");
    for (const adminId of config.adminIds) {
      const locale = (await services.users.find(adminId))?.locale ?? config.defaultLocale;
      await api.sendMessage(adminId, deps.translate(locale, key, vars))
        // An admin who never opened the bot cannot be written to (403): Telegram's rule, logged.
        .catch((error: unknown) => log.error({ err: error, adminId, notice: key }, "could not tell an admin"));
    }
  }

  async function editorsGroup(api: Api, chat: GroupOrChannel, event: MembershipEvent) {
    const vars = { chat: label(chat) };
    if (event === "removed" || event === "rights-lost") {
      log.error({ chat: chat.id, event }, "the bot can no longer write to the editors' group; tips wait in the store");
      return tellAdmins(api, `membership-editors-${event}`, vars);
    }
    log.info({ chat: chat.id, event }, "the bot can write to the editors' group again");
    await tellEditors(api, "membership-editors-back", vars);
    // The cards of tips that arrived meanwhile go out now rather than at the next run of the job.
    void services.tips.postMissingCards();
  }

  feature.on("my_chat_member", async (ctx, next) => {
    const update = ctx.myChatMember;
    const chat = update.chat;
    // A reader blocking or unblocking the bot is the subscriptions' business (features/subscribe.ts).
    if (chat.type === "private") return next();
    const event = membershipEvent(chat.type, update.old_chat_member, update.new_chat_member);
    if (!event) return;
    if (String(chat.id) === config.editorChatId) return editorsGroup(ctx.api, chat, event);

    const recorded = await services.channels.recordMembership(
      { id: chat.id, title: chat.title, username: "username" in chat ? chat.username : undefined }, event);
    log.info({ chat: chat.id, type: chat.type, event, channel: recorded?.channel.chatId, status: recorded?.channel.status }, "bot membership changed");
    if (!recorded) {
      // A channel we do not post to yet: say how to start. Other groups (poll discussions) are only logged.
      if (chat.type === "channel" && event !== "removed" && event !== "rights-lost") {
        await tellEditors(ctx.api, "membership-channel-unknown", { chat: label(chat), id: String(chat.id) });
      }
      return;
    }
    const { channel, reactivated } = recorded;
    const vars = { chat: label(chat), language: channel.language };
    if (event === "removed" || event === "rights-lost") return tellEditors(ctx.api, `membership-channel-${event}`, vars);
    await tellEditors(ctx.api, reactivated || channel.status === "active" ? "membership-channel-back" : "membership-channel-still-off", {
      ...vars, chatId: channel.chatId,
    });
  });

  return feature;
}
