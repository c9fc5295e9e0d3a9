// Every /app/api call is checked: Telegram's signed launch data (`Authorization: tma <initData>`) or a
// browser session from a one-time login link, and then editorship (ADMIN_IDS or the editors' group, asked
// of Telegram and cached briefly). Refusals say why in one word and show nothing else.
import type { FastifyRequest } from "fastify";
import { verifyInitData } from "../../../console/init-data.ts";
import type { ConsoleEditor } from "../../../console/console-sessions.ts";
import { HttpProblem } from "../../errors.ts";
import { cookie, SESSION_COOKIE, setEditor, type ConsoleDeps } from "./context.ts";

export function createConsoleAuth(deps: Pick<ConsoleDeps, "config" | "clock" | "sessions" | "isEditor">) {
  return async (request: FastifyRequest) => {
    const header = request.headers.authorization ?? "";
    let editor: ConsoleEditor | null;
    if (header.startsWith("tma ")) {
      const verdict = verifyInitData(header.slice(4).trim(), deps.config.botToken, deps.clock.now());
      if (!verdict.ok) throw new HttpProblem(401, "unauthorized", `Telegram launch data refused: ${verdict.reason}`);
      const { user } = verdict;
      editor = {
        telegramId: String(user.id), name: [user.firstName, user.lastName].filter(Boolean).join(" "), languageCode: user.languageCode ?? null,
      };
    } else {
      const token = cookie(request, SESSION_COOKIE);
      editor = token ? await deps.sessions.editorOf(token) : null;
      if (!editor) throw new HttpProblem(401, "unauthorized", "open the console from Telegram (/console) or with a login link");
    }
    if (!(await deps.isEditor(editor.telegramId))) throw new HttpProblem(403, "forbidden", "the console is for the newsroom's editors");
    setEditor(request, editor);
  };
}
