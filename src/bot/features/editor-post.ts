// /post <externalId|link> for editors: where an article is in Telegram, with buttons to push or pull it.
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import type { ArticleWithDeliveries } from "../../articles/article-repository.ts";
import { internalId } from "../../db/ids.ts";

export function createEditorPostFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const editors = feature.filter((ctx) => ctx.state.isEditor);

  const describe = (ctx: BotContext, article: ArticleWithDeliveries) => {
    const lines = article.deliveries.map((d) => ctx.t("post-delivery-line", {
      chat: d.channel.chatId, state: ctx.t(`post-state-${d.state}`), error: d.lastError ?? "",
    }));
    const text = [ctx.t("post-article", { title: article.title, id: article.externalId, status: ctx.t(`post-status-${article.status}`) }), ...lines]
      .join("\n");
    const keyboard = new InlineKeyboard();
    if (article.status === "draft") return { text: `${text}\n${ctx.t("post-draft")}`, keyboard: undefined };
    if (article.status !== "withdrawn") keyboard.text(ctx.t("post-button-withdraw"), `post:withdraw:${article.id}`);
    keyboard.text(ctx.t("post-button-publish"), `post:publish:${article.id}`);
    return { text: lines.length ? text : `${text}\n${ctx.t("post-no-channels")}`, keyboard };
  };

  editors.command("post", async (ctx) => {
    const reference = ctx.match.trim();
    if (!reference) return ctx.reply(ctx.t("post-usage"));
    const article = await deps.services.articles.find(reference);
    if (!article) return ctx.reply(ctx.t("post-not-found", { reference }));
    const { text, keyboard } = describe(ctx, article);
    return ctx.reply(text, { reply_markup: keyboard, link_preview_options: { is_disabled: true } });
  });

  feature.callbackQuery(/^post:(publish|withdraw):(\d+)$/, async (ctx) => {
    if (!ctx.state.isEditor) return ctx.answerCallbackQuery({ text: ctx.t("error-not-editor"), show_alert: true });
    // The button carries our own id: looked up as one, never as an externalId that happens to be digits.
    const id = internalId(ctx.match[2]!);
    const article = id === null ? null : await deps.services.articles.byId(id);
    if (!article) return ctx.answerCallbackQuery({ text: ctx.t("post-not-found", { reference: `#${ctx.match[2]!}` }) });
    if (article.status === "draft") return ctx.answerCallbackQuery({ text: ctx.t("post-draft"), show_alert: true });
    const updated = ctx.match[1] === "withdraw"
      ? await deps.services.articles.withdraw(article.externalId)
      : await deps.services.articles.republish(article.externalId);
    await ctx.answerCallbackQuery({ text: ctx.t(ctx.match[1] === "withdraw" ? "post-withdrawing" : "post-publishing") });
    const { text, keyboard } = describe(ctx, updated);
    await ctx.editMessageText(text, { reply_markup: keyboard, link_preview_options: { is_disabled: true } }).catch(() => undefined);
  });

  return feature;
}
