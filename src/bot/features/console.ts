// /console: opens the editors' console. In a private chat an editor gets a web_app button (the Mini App)
// and a one-time login link for a desktop browser, and their menu button becomes the console. In the
// editors' group, where Telegram allows no web_app buttons, a link to the bot's Mini App (or to the private
// chat, which then answers as above). Without PUBLIC_URL the bot says what to configure.
import { Composer, type Api } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import type { Translate } from "../../i18n.ts";
import type { Config } from "../../config.ts";
import type { Logger } from "../../logger.ts";
import { createEditorCheck } from "../../console/editor-check.ts";

const consoleUrl = (publicUrl: string) => `${publicUrl}/app/`;
/** Telegram opens Mini Apps and accepts button links over https only; plain http is for a local try. */
const httpsOnly = (publicUrl: string) => publicUrl.startsWith("https://");

export function createConsoleFeature(deps: BotDeps & { api: Api }) {
  const { config, services } = deps;
  const isEditor = createEditorCheck({ api: deps.api, editorChatId: config.editorChatId, adminIds: config.adminIds, clock: deps.clock, logger: deps.logger });
  const feature = new Composer<BotContext>();

  async function openInPrivate(ctx: BotContext) {
    const from = ctx.from!;
    if (!ctx.state.isEditor && !(await isEditor(from.id))) return ctx.reply(ctx.t("error-not-editor"));
    const publicUrl = config.publicUrl;
    if (!publicUrl) return ctx.reply(ctx.t("console-not-configured"));
    const token = await services.consoleSessions.createLoginToken({
      telegramId: String(from.id), name: [from.first_name, from.last_name].filter(Boolean).join(" ").slice(0, 64), languageCode: from.language_code ?? null,
    });
    const loginUrl = `${publicUrl}/app/login?token=${token}`;
    if (!httpsOnly(publicUrl)) {
      return ctx.reply(ctx.t("console-open-local", { url: loginUrl }), { link_preview_options: { is_disabled: true } });
    }
    const keyboard: InlineKeyboardButton[][] = [
      [{ text: ctx.t("console-button-open"), web_app: { url: consoleUrl(publicUrl) } }],
      [{ text: ctx.t("console-button-browser"), url: loginUrl }],
    ];
    await ctx.reply(ctx.t("console-open-private"), { reply_markup: { inline_keyboard: keyboard }, link_preview_options: { is_disabled: true } });
    // The menu button next to this editor's input field opens the console from now on.
    await ctx.api.setChatMenuButton({ chat_id: ctx.chat!.id, menu_button: { type: "web_app", text: ctx.t("console-menu-button"), web_app: { url: consoleUrl(publicUrl) } } })
      .catch((error: unknown) => deps.logger.warn({ err: { description: (error as { description?: string }).description } }, "could not set the console menu button"));
  }

  feature.chatType("private").command("console", openInPrivate);
  feature.chatType("private").command("start", (ctx, next) => (ctx.match.trim() === "console" ? openInPrivate(ctx) : next()));

  // In groups: only the editors (others' groups stay silent, as for every editor command there).
  feature.chatType(["group", "supergroup"]).command("console", async (ctx) => {
    if (!ctx.state.isEditor) return;
    if (!config.publicUrl) return ctx.reply(ctx.t("console-not-configured"));
    const bot = ctx.me.username;
    // With a Main Mini App set in @BotFather the link opens the console directly; otherwise it opens the
    // private chat with /start console, which answers with the web_app button and a login link.
    const url = ctx.me.has_main_web_app ? `https://t.me/${bot}?startapp=console` : `https://t.me/${bot}?start=console`;
    await ctx.reply(ctx.t("console-open-group"), { reply_markup: { inline_keyboard: [[{ text: ctx.t("console-button-open"), url }]] } });
  });

  return feature;
}

/** At start: the menu button of each ADMIN_IDS editor's private chat opens the console (best effort). */
export async function setConsoleMenuButtons(api: Api, config: Config, translate: Translate, logger: Logger): Promise<void> {
  if (!config.publicUrl || !httpsOnly(config.publicUrl)) return;
  for (const id of config.adminIds) {
    await api.setChatMenuButton({
      chat_id: Number(id), menu_button: { type: "web_app", text: translate(config.defaultLocale, "console-menu-button"), web_app: { url: consoleUrl(config.publicUrl) } },
    }).catch(() => logger.debug({ admin: id }, "no console menu button for an admin who has not started the bot"));
  }
}
