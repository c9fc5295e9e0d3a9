/**
 * What every method handler gets: the stores, the bot's identity and small helpers to
 * read loosely-typed parameters (JSON bodies carry numbers, form bodies carry strings).
 */
import { badRequest, forbidden } from "./errors.ts";
import type { ChatRecord, ChatStore, FakeMessage } from "./chat-state.ts";
import { parseHtml, type TextEntity } from "./html.ts";
import type { UpdateHub } from "./updates.ts";
import type { UserFromGetMe } from "grammy/types";

export type Params = Record<string, unknown>;

/** grammY's own type, so `new Bot(token, { botInfo: fake.botInfo })` type-checks. */
export type BotInfo = UserFromGetMe;

export interface MethodContext {
  store: ChatStore;
  bot: BotInfo;
  updates: UpdateHub;
  /** Per-bot settings Telegram keeps: commands per scope+language, menu buttons. */
  settings: Map<string, unknown>;
  /** Callback query ids pushed in updates and not answered yet. */
  openCallbackQueries: Set<string>;
  /** Stable file ids for URLs, so a re-sent file looks like Telegram's cache. */
  fileIds: Map<string, string>;
  /** Aborted when the server closes, to release long polls. */
  closing: AbortSignal;
}

export type Handler = (p: Params, ctx: MethodContext) => unknown;

export function str(p: Params, name: string): string | undefined {
  const v = p[name];
  return v === undefined || v === null ? undefined : String(v);
}

export function num(p: Params, name: string): number | undefined {
  const v = p[name];
  if (v === undefined || v === null || v === "") return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw badRequest(`field "${name}" must be a Number`);
  return n;
}

export function bool(p: Params, name: string): boolean | undefined {
  const v = p[name];
  return v === undefined || v === null ? undefined : v === true || v === "true" || v === 1 || v === "1";
}

export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw badRequest(`${name} is empty`);
  return value;
}

/** The chat a send/edit targets, refusing the way Telegram does for blocked, left or migrated chats. */
export function targetChat(p: Params, ctx: MethodContext): ChatRecord {
  const rec = ctx.store.resolve(p.chat_id);
  if (rec.migratedTo !== undefined) {
    throw badRequest("group chat was upgraded to a supergroup chat", { migrate_to_chat_id: rec.migratedTo });
  }
  if (rec.deactivated) throw forbidden("user is deactivated");
  if (rec.blocked || rec.left) {
    const { type } = rec.chat;
    if (type === "private") throw forbidden(rec.blocked ? "bot was blocked by the user" : "bot can't initiate conversation with a user");
    if (type === "channel") throw forbidden("bot is not a member of the channel chat");
    throw forbidden(`bot was kicked from the ${type} chat`);
  }
  return rec;
}

export interface FormattedText {
  text: string;
  entities?: TextEntity[];
  html?: string;
}

/** Applies parse_mode and the limit to the resulting plain text (UTF-16 units, like Telegram). */
export function formatText(
  raw: string | undefined, parseMode: string | undefined, explicitEntities: unknown,
  limit: number, what: "text" | "caption",
): FormattedText | undefined {
  if (raw === undefined) return undefined;
  let out: FormattedText;
  if (parseMode?.toUpperCase() === "HTML") {
    const parsed = parseHtml(raw);
    out = { text: parsed.text, html: raw, ...(parsed.entities.length ? { entities: parsed.entities } : {}) };
  } else {
    out = { text: raw, ...(Array.isArray(explicitEntities) ? { entities: explicitEntities as TextEntity[] } : {}) };
  }
  if (out.text.length > limit) throw badRequest(what === "text" ? "message is too long" : "message caption is too long");
  return out;
}

export function isLiveBotMessage(m: FakeMessage | undefined): m is FakeMessage {
  return m !== undefined && !m.deleted;
}
