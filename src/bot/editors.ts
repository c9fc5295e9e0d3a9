import type { Context } from "grammy";

export interface EditorRule {
  editorChatId: string | undefined;
  adminIds: string[];
}

/**
 * Editors are the members of the editors' group (acting in that group) and the ADMIN_IDS anywhere.
 * Telegram only delivers the group's updates to the bot, so "in that chat" means "a member".
 */
export function isEditor(ctx: Context, rule: EditorRule): boolean {
  const fromId = ctx.from?.id;
  if (fromId !== undefined && rule.adminIds.includes(String(fromId))) return true;
  return rule.editorChatId !== undefined && String(ctx.chat?.id) === rule.editorChatId && fromId !== undefined;
}
