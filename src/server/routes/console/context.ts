// What every console route may use, and the editor each request was authenticated as.
import type { Api } from "grammy";
import type { FastifyRequest } from "fastify";
import type { Config } from "../../../config.ts";
import type { Services } from "../../../services.ts";
import type { Clock } from "../../../clock.ts";
import type { Logger } from "../../../logger.ts";
import type { Translate } from "../../../i18n.ts";
import type { ConsoleEditor, ConsoleSessions } from "../../../console/console-sessions.ts";
import type { EditorCheck } from "../../../console/editor-check.ts";
import type { ReadersSource } from "./readers.ts";

export interface ConsoleDeps {
  config: Config;
  services: Services;
  clock: Clock;
  logger: Logger;
  translate: Translate;
  /** the bot's Api: the same rate limiter and auto-retry as every other send */
  api: Api;
  sessions: ConsoleSessions;
  isEditor: EditorCheck;
  /** when a scheduled job runs next (null while the scheduler is off) */
  nextJobRun: (name: string) => Date | null;
  /** subscriber figures and broadcasts, once the subscriptions service exists (the Readers tab) */
  readers?: ReadersSource;
  /** the built web app (web/dist) */
  webRoot: string;
}

const editors = new WeakMap<FastifyRequest, ConsoleEditor>();

export function setEditor(request: FastifyRequest, editor: ConsoleEditor): void {
  editors.set(request, editor);
}

/** The authenticated editor; the auth hook guarantees one on every /app/api route. */
export function editorOf(request: FastifyRequest): ConsoleEditor {
  const editor = editors.get(request);
  if (!editor) throw new Error("console route without an authenticated editor");
  return editor;
}

export const SESSION_COOKIE = "habarshy_console";

export function cookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
