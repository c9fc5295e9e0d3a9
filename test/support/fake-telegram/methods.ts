/**
 * The method table: name (case-insensitive, as in Telegram) → handler. Sending and
 * editing live in messages.ts and edits.ts; this file holds the bot-level and chat-level
 * methods and the update plumbing.
 */
import { badRequest } from "./errors.ts";
import { chatObject } from "./chat-state.ts";
import { bool, num, required, str, targetChat, type Handler, type Params } from "./context.ts";
import { editHandlers } from "./edits.ts";
import { botUser, sendHandlers } from "./messages.ts";

/** Commands are stored per scope + language, like Telegram's command lists. */
const commandsKey = (p: Params) => `commands:${JSON.stringify(p.scope ?? { type: "default" })}:${str(p, "language_code") ?? ""}`;

const metaHandlers: Record<string, Handler> = {
  getMe: (_p, ctx) => ctx.bot,
  logOut: () => true,
  close: () => true,

  getUpdates: (p, ctx) =>
    ctx.updates.getUpdates({
      offset: num(p, "offset"), limit: num(p, "limit"), timeout: num(p, "timeout"),
      allowed_updates: Array.isArray(p.allowed_updates) ? (p.allowed_updates as string[]) : undefined,
    }, ctx.closing),
  setWebhook: (p, ctx) => {
    const url = str(p, "url") ?? "";
    if (url === "") {
      ctx.updates.deleteWebhook(bool(p, "drop_pending_updates") ?? false);
      return true;
    }
    if (!/^https?:\/\//.test(url)) throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    const secret = str(p, "secret_token");
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) throw badRequest("bad webhook: secret token contains unallowed characters");
    const max = num(p, "max_connections") ?? 40;
    const allowed = Array.isArray(p.allowed_updates) ? (p.allowed_updates as string[]) : undefined;
    ctx.updates.setWebhook({ url, secret_token: secret, max_connections: Math.min(100, Math.max(1, max)), allowed_updates: allowed },
      bool(p, "drop_pending_updates") ?? false);
    return true;
  },
  deleteWebhook: (p, ctx) => {
    ctx.updates.deleteWebhook(bool(p, "drop_pending_updates") ?? false);
    return true;
  },
  getWebhookInfo: (_p, ctx) => {
    const hook = ctx.updates.webhook;
    const last = ctx.updates.webhookFailures[ctx.updates.webhookFailures.length - 1];
    return {
      url: hook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: ctx.updates.pending,
      ...(hook ? { max_connections: hook.max_connections } : {}),
      ...(hook?.allowed_updates ? { allowed_updates: hook.allowed_updates } : {}),
      ...(last ? { last_error_date: Math.floor(Date.now() / 1000), last_error_message: last.error } : {}),
    };
  },

  setMyCommands: (p, ctx) => {
    const commands = Array.isArray(p.commands) ? (p.commands as Params[]) : [];
    if (commands.length > 100) throw badRequest("too many commands");
    for (const c of commands) {
      if (!/^[a-z0-9_]{1,32}$/.test(str(c, "command") ?? "")) throw badRequest("BOT_COMMAND_INVALID");
      const d = str(c, "description") ?? "";
      if (d.length < 1 || d.length > 256) throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
    ctx.settings.set(commandsKey(p), commands);
    return true;
  },
  getMyCommands: (p, ctx) => ctx.settings.get(commandsKey(p)) ?? [],
  deleteMyCommands: (p, ctx) => (ctx.settings.delete(commandsKey(p)), true),
  setChatMenuButton: (p, ctx) => (ctx.settings.set(`menu:${str(p, "chat_id") ?? ""}`, p.menu_button ?? { type: "default" }), true),
  getChatMenuButton: (p, ctx) => ctx.settings.get(`menu:${str(p, "chat_id") ?? ""}`) ?? { type: "commands" },
  setMyDescription: () => true,
  setMyShortDescription: () => true,
  setMyName: () => true,
  setMyDefaultAdministratorRights: () => true,

  getChat: (p, ctx) => {
    const rec = ctx.store.resolve(p.chat_id);
    return { ...chatObject(rec.chat), accent_color_id: 0, max_reaction_count: 11 };
  },
  // The bot is an administrator everywhere; other users are members unless a test set a status.
  getChatMember: (p, ctx) => {
    const rec = ctx.store.resolve(p.chat_id);
    const userId = required(num(p, "user_id"), "user_id");
    if (userId === ctx.bot.id) return adminMember(botUser(ctx));
    const status = rec.members.get(userId) ?? "member";
    const user = { id: userId, is_bot: false, first_name: `User${userId}` };
    return status === "administrator" ? adminMember(user) : { status, user };
  },
  getChatAdministrators: (p, ctx) => {
    const rec = ctx.store.resolve(p.chat_id);
    const others = [...rec.members].filter(([, s]) => s === "administrator" || s === "creator")
      .map(([id, status]) => ({ ...adminMember({ id, is_bot: false, first_name: `User${id}` }), status }));
    return [adminMember(botUser(ctx)), ...others];
  },
  getChatMemberCount: (p, ctx) => Math.max(2, ctx.store.resolve(p.chat_id).members.size + 1),
  leaveChat: (p, ctx) => {
    targetChat(p, ctx).left = true;
    return true;
  },

  answerCallbackQuery: (p, ctx) => {
    const id = str(p, "callback_query_id") ?? "";
    // Telegram answers a query once; unknown or already answered ids get this error.
    if (!ctx.openCallbackQueries.delete(id)) throw badRequest("query is too old and response timeout expired or query ID is invalid");
    if ((str(p, "text") ?? "").length > 200) throw badRequest("MESSAGE_TOO_LONG");
    return true;
  },
  sendChatAction: (p, ctx) => {
    targetChat(p, ctx);
    if (!str(p, "action")) throw badRequest("action is empty");
    return true;
  },
  getFile: (p) => {
    const file_id = required(str(p, "file_id"), "file_id");
    return { file_id, file_unique_id: `u-${file_id}`, file_size: 2048, file_path: `files/${encodeURIComponent(file_id)}` };
  },
};

function adminMember(user: Record<string, unknown>): Record<string, unknown> {
  return {
    status: "administrator", user, can_be_edited: false, is_anonymous: false,
    can_manage_chat: true, can_delete_messages: true, can_manage_video_chats: true, can_restrict_members: true,
    can_promote_members: false, can_change_info: true, can_invite_users: true, can_post_messages: true,
    can_edit_messages: true, can_pin_messages: true, can_post_stories: false, can_edit_stories: false, can_delete_stories: false,
  };
}

const table = new Map<string, Handler>(
  Object.entries({ ...metaHandlers, ...sendHandlers, ...editHandlers }).map(([name, h]) => [name.toLowerCase(), h]),
);

export function findHandler(method: string): Handler | undefined {
  return table.get(method.toLowerCase());
}

/** Methods that put a message into a chat: the ones Telegram's flood limits count. */
export function isSendMethod(method: string): boolean {
  const m = method.toLowerCase();
  return (m.startsWith("send") && m !== "sendchataction") || m === "copymessage" || m === "forwardmessage";
}
