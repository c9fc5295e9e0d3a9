// The subscription settings as an inline menu (@grammyjs/menu). Menus are stateless: every button is
// rendered from the stored subscription, so a menu keeps working after a restart, and a press on a menu
// that changed since it was sent re-renders it instead of acting on what the reader no longer sees.
import { Menu, type MenuRange } from "@grammyjs/menu";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { sectionKey, type SubscriberRow, type DigestFrequency } from "../../subscribers/subscriber-service.ts";
import { LOCALES } from "../../config.ts";

export const LANGUAGE_NAMES: Record<string, string> = { ru: "Русский", kk: "Қазақша", en: "English" };
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

const mark = (on: boolean, label: string) => `${on ? "✅" : "▫️"} ${label}`;
export const formatHour = (hour: number, minute: number) => `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;

/** The text above the menu: the settings in words. */
export function settingsText(ctx: BotContext, sub: SubscriberRow, digestMinute: number): string {
  const digest = sub.digest === "off"
    ? ctx.t("sub-digest-off-line")
    : ctx.t(sub.digest === "weekly" ? "sub-digest-weekly-line" : "sub-digest-daily-line", { time: formatHour(sub.digestHour, digestMinute) });
  const sections = sub.allSections ? ctx.t("sub-sections-all-line") : sub.sections.length === 0
    ? ctx.t("sub-sections-none-line")
    : ctx.t("sub-sections-some-line", { sections: sub.sections.map((s) => s.section).join(", ") });
  return [
    ctx.t("sub-settings-title"),
    ctx.t("sub-language-line", { language: LANGUAGE_NAMES[sub.language] ?? sub.language }),
    ctx.t(sub.breaking ? "sub-breaking-on-line" : "sub-breaking-off-line"),
    digest,
    sections,
    "",
    ctx.t("sub-settings-hint"),
  ].join("\n");
}

export function createSubscriptionMenu(deps: BotDeps) {
  const subscribers = deps.services.subscribers;
  const minute = deps.config.digestTime.minute;
  const current = (ctx: BotContext) => (ctx.state.user ? subscribers.get(ctx.state.user.id) : Promise.resolve(null));

  /** Runs a change and redraws text and buttons; a reader who is no longer subscribed is told how to come back. */
  const change = (apply: (userId: number, ctx: BotContext) => Promise<unknown>) => async (ctx: BotContext & { menu: { update(): void } }) => {
    const user = ctx.state.user;
    const sub = user ? await subscribers.get(user.id) : null;
    if (!user || !sub?.active) {
      await ctx.editMessageText(ctx.t("sub-not-subscribed")).catch(() => undefined);
      return;
    }
    await apply(user.id, ctx);
    const updated = (await subscribers.get(user.id))!;
    ctx.menu.update();
    await ctx.editMessageText(settingsText(ctx, updated, minute)).catch(() => undefined);
  };

  // A press on a menu drawn from older settings (another message, another device) redraws it instead.
  const options = {
    onMenuOutdated: async (ctx: BotContext & { menu: { update(): void } }) => {
      await ctx.answerCallbackQuery({ text: ctx.t("sub-menu-outdated") });
      ctx.menu.update();
    },
    autoAnswer: true,
  };

  const main = new Menu<BotContext>("sub-main", options)
    .dynamic(async (ctx, range) => {
      const sub = await current(ctx);
      if (!sub?.active) return range;
      range.text(mark(sub.breaking, ctx.t("sub-button-breaking")), change((id) => subscribers.setBreaking(id, !sub.breaking))).row();
      range.submenu(ctx.t("sub-button-digest"), "sub-digest").row();
      range.submenu(ctx.t("sub-button-sections"), "sub-sections").row();
      range.submenu(ctx.t("sub-button-language"), "sub-language").row();
      range.text(ctx.t("sub-button-unsubscribe"), async (ctx) => {
        await subscribers.unsubscribe(ctx.state.user!.id);
        ctx.menu.close();
        await ctx.editMessageText(ctx.t("sub-unsubscribed")).catch(() => undefined);
      });
      return range;
    });

  const digest = new Menu<BotContext>("sub-digest", options)
    .dynamic(async (ctx, range: MenuRange<BotContext>) => {
      const sub = await current(ctx);
      if (!sub?.active) return range.back(ctx.t("sub-button-back"));
      for (const frequency of ["daily", "weekly", "off"] as DigestFrequency[]) {
        range.text(mark(sub.digest === frequency, ctx.t(`sub-digest-${frequency}`)), change((id) => subscribers.setDigest(id, frequency)));
      }
      range.row();
      if (sub.digest !== "off") {
        HOURS.forEach((hour, i) => {
          range.text({ text: `${hour === sub.digestHour ? "✅" : ""}${formatHour(hour, minute)}`, payload: String(hour) },
            change((id, ctx) => subscribers.setDigestHour(id, Number(ctx.match))));
          if (i % 6 === 5) range.row();
        });
      }
      return range.back(ctx.t("sub-button-back"));
    });

  const sections = new Menu<BotContext>("sub-sections", options)
    .dynamic(async (ctx, range) => {
      const sub = await current(ctx);
      if (!sub?.active) return range.back(ctx.t("sub-button-back"));
      const shown = await subscribers.sections(sub.language);
      range.text(mark(sub.allSections, ctx.t("sub-sections-all")), change((id) => subscribers.followAllSections(id))).row();
      const chosen = new Set(sub.sections.map((s) => s.section));
      shown.forEach((section, i) => {
        const on = sub.allSections || chosen.has(section);
        // The payload is a short hash: Telegram's callback data holds 64 bytes, section names may not fit.
        range.text({ text: mark(on, section), payload: sectionKey(section) }, change(async (id, ctx) => {
          const list = await subscribers.sections(sub.language);
          const target = list.find((s) => sectionKey(s) === ctx.match);
          if (target) await subscribers.toggleSection(id, target, list);
        }));
        if (i % 2 === 1) range.row();
      });
      if (shown.length === 0) range.row().text(ctx.t("sub-sections-none-yet"), (ctx) => ctx.answerCallbackQuery()).row();
      return range.row().back(ctx.t("sub-button-back"));
    });

  const language = new Menu<BotContext>("sub-language", options)
    .dynamic(async (ctx, range) => {
      const sub = await current(ctx);
      if (!sub?.active) return range.back(ctx.t("sub-button-back"));
      for (const locale of LOCALES) {
        range.text(mark(sub.language === locale, LANGUAGE_NAMES[locale]!), change(async (id, ctx) => {
          await subscribers.setLanguage(id, locale);
          // The reader's interface follows: the news and the bot in one language.
          await deps.services.users.setLocale(ctx.from!.id, locale);
          ctx.i18n.useLocale(locale);
        }));
      }
      return range.row().back(ctx.t("sub-button-back"));
    });

  main.register([digest, sections, language]);
  return main;
}
