// The command menu Telegram shows next to the input field: citizens' commands in their language, the
// newsroom's commands only inside the editors' group.
import type { Api } from "grammy";
import type { Translate } from "../i18n.ts";
import { LOCALES } from "../config.ts";

export const CITIZEN_COMMANDS = ["start", "subscribe", "settings", "tip", "language", "cancel", "unsubscribe", "mydata", "forget", "help"] as const;
export const EDITOR_COMMANDS = ["post", "poll", "closepoll", "stats", "channels", "subscribers", "digest", "broadcast", "console"] as const;

export async function registerCommands(api: Api, translate: Translate, options: { defaultLocale: string; editorChatId?: string }): Promise<void> {
  const list = (locale: string, names: readonly string[]) =>
    names.map((command) => ({ command, description: translate(locale, `help-command-${command}`) }));
  await api.setMyCommands(list(options.defaultLocale, CITIZEN_COMMANDS), { scope: { type: "all_private_chats" } });
  for (const locale of LOCALES) {
    await api.setMyCommands(list(locale, CITIZEN_COMMANDS), { scope: { type: "all_private_chats" }, language_code: locale });
  }
  if (options.editorChatId) {
    await api.setMyCommands(list(options.defaultLocale, [...EDITOR_COMMANDS, "help"]), { scope: { type: "chat", chat_id: options.editorChatId } });
  }
}
