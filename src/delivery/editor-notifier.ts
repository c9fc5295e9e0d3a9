// Tells the editors' group about things that need a person: a channel that removed the bot, a group
// that became a supergroup, a post Telegram refused. Best effort: a failure here is logged, never thrown.
import type { Api } from "grammy";
import type { Logger } from "../logger.ts";
import type { Translate } from "../i18n.ts";

export interface EditorNotifier {
  notify(key: string, variables?: Record<string, string | number>): Promise<void>;
}

export function createEditorNotifier(deps: { api: Api; editorChatId: string | undefined; locale: string; translate: Translate; logger: Logger }): EditorNotifier {
  return {
    async notify(key, variables) {
      const text = deps.translate(deps.locale, key, variables);
      if (!deps.editorChatId) {
        deps.logger.warn({ notice: key, variables }, "editors' notice (no EDITOR_CHAT_ID set): " + text);
        return;
      }
      try {
        await deps.api.sendMessage(deps.editorChatId, text, { link_preview_options: { is_disabled: true } });
      } catch (error) {
        deps.logger.error({ err: error, notice: key }, "could not notify the editors");
      }
    },
  };
}
