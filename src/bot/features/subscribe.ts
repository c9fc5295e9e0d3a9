// "Рассылка" for readers, in the private chat: /subscribe (also the 📬 button on /start and
// t.me/<bot>?start=subscribe) subscribes in one tap and shows the settings menu; /settings shows it again;
// /unsubscribe ends everything at once. Blocking and unblocking the bot (my_chat_member) is recorded.
import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { createSubscriptionMenu, settingsText } from "../menus/subscription-menu.ts";

export function createSubscribeFeature(deps: BotDeps) {
  const subscribers = deps.services.subscribers;
  const minute = deps.config.digestTime.minute;
  const menu = createSubscriptionMenu(deps);
  const feature = new Composer<BotContext>();

  // A person blocking the bot (Telegram tells us) is not written to until they come back.
  feature.on("my_chat_member", async (ctx, next) => {
    if (ctx.chat.type !== "private") return next();
    const status = ctx.myChatMember.new_chat_member.status;
    await deps.services.users.setReachable(ctx.from.id, status !== "kicked");
  });

  const reader = feature.chatType("private");
  reader.use(menu);

  async function subscribe(ctx: BotContext): Promise<void> {
    const user = ctx.state.user!;
    const { subscriber, created, resumed } = await subscribers.subscribe(user.id, await ctx.i18n.getLocale());
    const intro = ctx.t(created ? "sub-subscribed" : resumed ? "sub-resubscribed" : "sub-already");
    await ctx.reply(`${intro}\n\n${settingsText(ctx, subscriber, minute)}`, { reply_markup: menu });
  }

  reader.command("subscribe", subscribe);
  reader.command("start", (ctx, next) => (ctx.match.trim() === "subscribe" ? subscribe(ctx) : next()));
  reader.callbackQuery("menu:subscribe", async (ctx) => {
    await ctx.answerCallbackQuery();
    await subscribe(ctx);
  });

  reader.command("settings", async (ctx) => {
    const sub = await subscribers.get(ctx.state.user!.id);
    if (!sub?.active) return ctx.reply(ctx.t("sub-not-subscribed"));
    await ctx.reply(settingsText(ctx, sub, minute), { reply_markup: menu });
  });

  reader.command("unsubscribe", async (ctx) => {
    const stopped = await subscribers.unsubscribe(ctx.state.user!.id);
    await ctx.reply(ctx.t(stopped ? "sub-unsubscribed" : "sub-not-subscribed"));
  });

  return feature;
}
