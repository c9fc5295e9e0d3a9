import type { Context } from "grammy";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { ConversationFlavor } from "@grammyjs/conversations";
import type { UserRecord } from "../users/user-service.ts";

/** What every handler may read, filled by the middlewares in create-bot.ts. */
export interface ContextState {
  /** the stored user for private chats (and anyone who pressed a button) */
  user?: UserRecord;
  /** editors' group member or ADMIN_IDS */
  isEditor: boolean;
}

export type BaseContext = Context & I18nFlavor & { state: ContextState };
export type BotContext = ConversationFlavor<BaseContext>;
