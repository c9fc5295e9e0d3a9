// The console outside Telegram: an editor's /console gives a one-time login link; opening it (and pressing
// the button on the page, so a link preview cannot spend it) turns it into a browser session. Both live in
// the shared store, so any instance behind a load balancer accepts them.
import { createHash, randomBytes } from "node:crypto";
import type { Database } from "../db/create-database.ts";
import type { Clock } from "../clock.ts";
import { createConsoleSessionRepository } from "./session-repository.ts";

export const LOGIN_LINK_TTL_MS = 10 * 60_000;
export const SESSION_TTL_MS = 12 * 60 * 60_000;

export interface ConsoleEditor {
  telegramId: string;
  name: string;
  languageCode: string | null;
}

const newToken = () => randomBytes(32).toString("base64url");
const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");
/** Our tokens are 43 base64url characters; anything else is not looked up at all. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function createConsoleSessions(deps: { db: Database; clock: Clock }) {
  const repo = createConsoleSessionRepository(deps.db);
  const later = (ms: number) => new Date(deps.clock.now().getTime() + ms);

  return {
    /** A one-time login link's secret for this editor, valid for ten minutes. */
    async createLoginToken(editor: ConsoleEditor): Promise<string> {
      const token = newToken();
      await repo.create({ tokenHash: hashOf(token), kind: "login", ...editor, expiresAt: later(LOGIN_LINK_TTL_MS) });
      return token;
    },

    /** Spends a login token (once, across instances) and returns a session token; null if unknown, used or expired. */
    async redeem(loginToken: string): Promise<{ token: string; editor: ConsoleEditor; expiresAt: Date } | null> {
      if (!TOKEN_PATTERN.test(loginToken)) return null;
      const login = await repo.find(hashOf(loginToken), "login", deps.clock.now());
      if (!login || !(await repo.take(login.id))) return null;
      const editor = { telegramId: login.telegramId, name: login.name, languageCode: login.languageCode };
      const token = newToken();
      const expiresAt = later(SESSION_TTL_MS);
      await repo.create({ tokenHash: hashOf(token), kind: "session", ...editor, expiresAt });
      return { token, editor, expiresAt };
    },

    /** The login link's editor without spending it (the page that asks to press the button). */
    async peekLogin(loginToken: string): Promise<ConsoleEditor | null> {
      if (!TOKEN_PATTERN.test(loginToken)) return null;
      return repo.find(hashOf(loginToken), "login", deps.clock.now());
    },

    async editorOf(sessionToken: string): Promise<ConsoleEditor | null> {
      if (!TOKEN_PATTERN.test(sessionToken)) return null;
      const row = await repo.find(hashOf(sessionToken), "session", deps.clock.now());
      return row ? { telegramId: row.telegramId, name: row.name, languageCode: row.languageCode } : null;
    },

    logout: (sessionToken: string) => repo.remove(hashOf(sessionToken)),
    removeExpired: () => repo.removeExpired(deps.clock.now()),
  };
}

export type ConsoleSessions = ReturnType<typeof createConsoleSessions>;
