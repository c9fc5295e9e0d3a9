// /start and /help in the private chat: a menu with the newsletter, the tip button and the language choice.
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.ts";

export function startMenu(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.t("start-button-subscribe"), "menu:subscribe").row()
    .text(ctx.t("start-button-tip"), "menu:tip").row()
    .text(ctx.t("start-button-language"), "menu:language");
}

export function createStartFeature() {
  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  privateChat.command("start", async (ctx, next) => {
    // t.me/<bot>?start=tip is handled by the tip feature further down.
    if (ctx.match.trim() !== "") return next();
    await ctx.reply(ctx.t("start-welcome"), { reply_markup: startMenu(ctx) });
  });

  feature.command("help", async (ctx) => {
    const text = ctx.state.isEditor ? `${ctx.t("help-text")}\n\n${ctx.t("help-editor-text")}` : ctx.t("help-text");
    await ctx.reply(text);
  });

  return feature;
}
