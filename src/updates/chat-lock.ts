// One chat at a time across instances, in webhook mode. Telegram spreads a chat's updates over every
// instance behind the webhook URL; grammY's sequentialize only orders them inside one process. Around
// the handling of an update with a chat (or sender) this takes a PostgreSQL advisory lock for that chat,
// so an instance handling the next update of the same chat waits for the one handling the previous.
//
// The locks live on a small pool of their own: a session lock needs one connection held from lock to
// unlock, and the cluster's control connection (leases) must never wait behind a busy chat. If the
// instance dies, its connections close and PostgreSQL frees their locks at once.
// In long polling the one consumer's sequentialize is enough, and this is not installed.
import type { MiddlewareFn } from "grammy";
import type { Pool } from "pg";
import type { Logger } from "../logger.ts";
import type { BotContext } from "../bot/context.ts";

/** First key of the chat locks: apart from the cluster's leases (0x4862). */
const CHAT_LOCK_SPACE = 0x4863;

export interface ChatLocks {
  middleware: MiddlewareFn<BotContext>;
  close(): Promise<void>;
}

/** The same key sequentialize uses (bot/create-bot.ts). */
export const chatKey = (ctx: BotContext): string | undefined => ctx.chat?.id.toString() ?? ctx.from?.id.toString();

export async function createChatLocks(options: { url: string; logger: Logger; connections?: number }): Promise<ChatLocks> {
  const { default: pg } = await import("pg");
  const log = options.logger.child({ component: "chat-lock" });
  // The pool bounds how many updates of different chats this instance handles at once.
  const pool: Pool = new pg.Pool({ connectionString: options.url, max: options.connections ?? 10, application_name: "habarshy-chat-locks" });
  // An idle connection that breaks is dropped by the pool; without a listener it would crash the process.
  pool.on("error", (error) => log.warn({ err: error }, "a chat-lock connection failed"));

  return {
    async middleware(ctx, next) {
      const key = chatKey(ctx);
      if (key === undefined) return next();
      const lockName = `chat-updates:${key}`;
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1, hashtext($2))", [CHAT_LOCK_SPACE, lockName]);
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      try {
        await next();
      } finally {
        try {
          await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [CHAT_LOCK_SPACE, lockName]);
          client.release();
        } catch (error) {
          // Closing the connection frees the lock all the same.
          log.warn({ err: error }, "could not unlock a chat; dropping its connection");
          client.release(error as Error);
        }
      }
    },
    close: () => pool.end(),
  };
}
