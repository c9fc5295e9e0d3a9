// Builds the grammY bot: API plugins, per-update state, i18n, and every feature, in one visible order.
import { Bot, type Api, type MiddlewareFn } from "grammy";
import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import type { UserFromGetMe } from "grammy/types";
import type { BotContext } from "./context.ts";
import type { BotDeps } from "./deps.ts";
import { isEditor } from "./editors.ts";
import { EDITOR_COMMANDS } from "./commands.ts";
import type { I18n } from "@grammyjs/i18n";
import type { RateLimiter } from "../delivery/rate-limiter.ts";
import { createStartFeature, startMenu } from "./features/start.ts";
import { createLanguageFeature } from "./features/language.ts";
import { createTipFeature } from "./features/tip.ts";
import { createPollFeature } from "./features/poll.ts";
import { createEditorChannelsFeature } from "./features/editor-channels.ts";
import { createEditorPostFeature } from "./features/editor-post.ts";
import { createMembershipFeature } from "./features/membership.ts";
import { createSubscribeFeature } from "./features/subscribe.ts";
import { createPrivacyFeature } from "./features/privacy.ts";
import { createEditorBroadcastsFeature } from "./features/editor-broadcasts.ts";
import { createConsoleFeature } from "./features/console.ts";

/** Update types the bot needs; poll and poll_answer are not sent by Telegram unless asked for. */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "poll", "poll_answer", "my_chat_member"] as const;

export function installApiPlugins(api: Api, limiter: RateLimiter, lane: "default" | "readers" = "default"): void {
  // Order matters: the last installed runs first, so auto-retry wraps the limiter and every retry
  // waits for its turn again.
  api.config.use(lane === "readers" ? limiter.readersTransformer : limiter.transformer);
  // auto-retry waits out 429s (up to 30 s). Outages and 5xx are thrown instead: auto-retry would retry
  // network errors forever inside one call, while the outbox workers back off with the state on record.
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowInternalServerErrors: true, rethrowHttpErrors: true }));
}

export function createBot(deps: BotDeps & {
  limiter: RateLimiter;
  i18n: I18n<BotContext>;
  botInfo?: UserFromGetMe;
  /** run right after sequentialize, before anything else: the cross-instance chat lock, the handled-update check */
  gates?: Array<MiddlewareFn<BotContext>>;
}): Bot<BotContext> {
  const { config, logger } = deps;
  const bot = new Bot<BotContext>(config.botToken, { client: { apiRoot: config.telegramApiRoot }, botInfo: deps.botInfo });
  installApiPlugins(bot.api, deps.limiter);

  // Updates of one chat are handled in order (conversations need it), different chats in parallel.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  for (const gate of deps.gates ?? []) bot.use(gate);

  bot.use(async (ctx, next) => {
    deps.metrics.updates.inc({ type: Object.keys(ctx.update).find((key) => key !== "update_id") ?? "unknown" });
    ctx.state = { isEditor: isEditor(ctx, config) };
    if (ctx.from && !ctx.from.is_bot && (ctx.chat?.type === "private" || ctx.callbackQuery)) {
      ctx.state.user = await deps.services.users.touch(ctx.from);
    }
    await next();
  });

  // The app's one I18n instance: its locale negotiator (bot/locale.ts) reads the user loaded above.
  bot.use(deps.i18n);

  const features = bot.errorBoundary(async (error) => {
    const ctx = error.ctx;
    logger.error({ err: error.error, updateId: ctx.update.update_id }, "update handling failed");
    if (ctx.chat?.type === "private" || ctx.callbackQuery) {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      await ctx.reply(ctx.t("error-generic")).catch(() => undefined);
    }
  });

  features.use(createMembershipFeature(deps));
  // Before start and tip: /start console opens the console, not the menu.
  features.use(createConsoleFeature({ ...deps, api: bot.api }));
  features.use(createStartFeature());
  features.use(createLanguageFeature(deps));
  features.use(createSubscribeFeature(deps));
  features.use(createPrivacyFeature(deps));
  features.use(createTipFeature({ ...deps, api: bot.api }));
  features.use(createEditorChannelsFeature(deps));
  features.use(createEditorPostFeature(deps));
  features.use(createEditorBroadcastsFeature(deps));
  features.use(createPollFeature(deps));

  // An editor command that no feature took: tell a citizen in private why nothing happens.
  features.chatType("private").command([...EDITOR_COMMANDS], (ctx) => ctx.reply(ctx.t("error-not-editor")));
  // Anything else in private (a "hello" before /start, a message with no tip open): never silence.
  features.chatType("private").on("message", (ctx) => ctx.reply(ctx.t("start-hint"), { reply_markup: startMenu(ctx) }));

  bot.catch((error) => logger.error({ err: error.error, updateId: error.ctx.update.update_id }, "unhandled bot error"));
  return bot;
}
