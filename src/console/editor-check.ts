// Who is an editor, for the console: ADMIN_IDS, or a member of the editors' group as Telegram says now
// (getChatMember). Answers are cached briefly per user, so a busy console does not ask Telegram on every
// call, and a removed editor is out within a minute.
import type { Api } from "grammy";
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";

export const EDITOR_CACHE_MS = 60_000;
const MAX_CACHED = 1000;
const MEMBER_STATUSES = new Set(["creator", "administrator", "member"]);

export type EditorCheck = (telegramId: string | number) => Promise<boolean>;

export function createEditorCheck(deps: { api: Api; editorChatId: string | undefined; adminIds: string[]; clock: Clock; logger: Logger }): EditorCheck {
  const cache = new Map<string, { editor: boolean; until: number }>();

  /** true/false as Telegram says; null when Telegram could not be asked (not cached). */
  async function ask(userId: string): Promise<boolean | null> {
    if (!deps.editorChatId) return false;
    try {
      const member = await deps.api.getChatMember(deps.editorChatId, Number(userId));
      // A restricted member is still in the group; "left" and "kicked" are not.
      return MEMBER_STATUSES.has(member.status) || (member.status === "restricted" && member.is_member);
    } catch (error) {
      // Telegram answers 400 for someone it does not know in that chat: not an editor. Log the rest.
      const code = (error as { error_code?: number }).error_code;
      if (code === 400) return false;
      deps.logger.warn({ code, description: (error as { description?: string }).description }, "editor check failed");
      return null;
    }
  }

  return async (telegramId) => {
    const id = String(telegramId);
    if (deps.adminIds.includes(id)) return true;
    const now = deps.clock.now().getTime();
    const cached = cache.get(id);
    if (cached && cached.until > now) return cached.editor;
    const editor = await ask(id);
    if (editor === null) return false;
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(id, { editor, until: now + EDITOR_CACHE_MS });
    return editor;
  };
}
