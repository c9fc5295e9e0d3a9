// /mydata and /forget in the private chat: what the bot keeps about me, and erasing it (after a confirmation).
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import type { PersonalData } from "../../privacy/privacy-service.ts";
import { LANGUAGE_NAMES, formatHour } from "../menus/subscription-menu.ts";

export function createPrivacyFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const reader = feature.chatType("private");
  const day = (date: Date) => date.toISOString().slice(0, 10);

  function describe(ctx: BotContext, data: PersonalData): string {
    const { user } = data;
    const lines = [
      ctx.t("mydata-title"),
      ctx.t("mydata-profile", { id: user.telegramId, name: user.firstName ?? "—", username: user.username ? `@${user.username}` : "—", since: day(user.createdAt) }),
      ctx.t("mydata-language", { language: user.locale ? LANGUAGE_NAMES[user.locale] ?? user.locale : ctx.t("mydata-language-auto") }),
    ];
    const sub = user.subscription;
    if (sub?.active) {
      lines.push(ctx.t("mydata-subscription", {
        language: LANGUAGE_NAMES[sub.language] ?? sub.language,
        breaking: ctx.t(sub.breaking ? "mydata-yes" : "mydata-no"),
        digest: sub.digest === "off" ? ctx.t("sub-digest-off") : `${ctx.t(`sub-digest-${sub.digest}`)}, ${formatHour(sub.digestHour, deps.config.digestTime.minute)}`,
        sections: sub.allSections ? ctx.t("sub-sections-all") : sub.sections.map((s) => s.section).join(", ") || "—",
        since: day(sub.subscribedAt),
      }));
    } else {
      lines.push(ctx.t(sub ? "mydata-subscription-paused" : "mydata-no-subscription"));
    }
    lines.push(ctx.t("mydata-received", { count: data.received }));
    if (data.pollAnswers > 0) lines.push(ctx.t("mydata-poll-answers", { count: data.pollAnswers }));
    if (data.conversationInProgress) lines.push(ctx.t("mydata-conversation"));
    if (user.tips.length > 0) {
      lines.push(ctx.t("mydata-tips", { count: user.tips.length }));
      for (const tip of user.tips) {
        lines.push(ctx.t("mydata-tip-line", {
          reference: tip.reference, date: day(tip.createdAt), status: ctx.t(`tip-status-${tip.status}`),
          phone: ctx.t(tip.contactPhone ? "mydata-tip-phone-kept" : "mydata-tip-no-phone"),
        }));
      }
    }
    lines.push("", ctx.t("mydata-footer"));
    return lines.join("\n");
  }

  reader.command("mydata", async (ctx) => {
    const data = await deps.services.privacy.mydata(ctx.state.user!.id);
    await ctx.reply(data ? describe(ctx, data) : ctx.t("mydata-nothing"));
  });

  reader.command("forget", (ctx) => ctx.reply(ctx.t("forget-confirm"), {
    reply_markup: new InlineKeyboard().text(ctx.t("forget-button-yes"), "forget:yes").text(ctx.t("forget-button-no"), "forget:no"),
  }));

  reader.callbackQuery("forget:no", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("forget-kept")).catch(() => undefined);
  });

  reader.callbackQuery("forget:yes", async (ctx) => {
    await deps.services.privacy.forget(ctx.state.user!.id);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("forget-done")).catch(() => ctx.reply(ctx.t("forget-done")));
  });

  return feature;
}
