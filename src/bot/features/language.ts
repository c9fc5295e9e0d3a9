// /language: the user's choice is stored and wins over Telegram's language_code from then on.
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { isLocale } from "../../i18n.ts";

const NAMES = { ru: "Русский", kk: "Қазақша", en: "English" } as const;

export function createLanguageFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  const keyboard = () => {
    const kb = new InlineKeyboard();
    for (const [code, name] of Object.entries(NAMES)) kb.text(name, `language:${code}`);
    return kb;
  };

  feature.command("language", (ctx) => ctx.reply(ctx.t("language-choose"), { reply_markup: keyboard() }));
  feature.callbackQuery("menu:language", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("language-choose"), { reply_markup: keyboard() });
  });

  feature.callbackQuery(/^language:(\w+)$/, async (ctx) => {
    const locale = ctx.match[1];
    if (!isLocale(locale)) return ctx.answerCallbackQuery();
    await deps.services.users.touch(ctx.from);
    await deps.services.users.setLocale(ctx.from.id, locale);
    ctx.i18n.useLocale(locale);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("language-changed")).catch(() => ctx.reply(ctx.t("language-changed")));
  });

  return feature;
}
