// Editors and readers: /subscribers (the figures), /digest (today's digest previewed, then "Send now"),
// /broadcast <text> (an announcement: preview, audience, confirmation, then progress). Drafts live in the
// store, so the buttons keep working after a restart.
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { ValidationError } from "../../articles/article-input.ts";
import { parseBroadcastCommand } from "../../broadcasts/broadcast-input.ts";
import { renderAnnouncement, type AnnouncementButton } from "../../broadcasts/reader-messages.ts";
import { BroadcastNotFoundError, BroadcastStateError, type BroadcastProgress } from "../../broadcasts/broadcast-types.ts";
import type { BroadcastRow } from "../../broadcasts/broadcast-repository.ts";
import { sectionKey } from "../../subscribers/subscriber-service.ts";
import { LOCALES } from "../../config.ts";

const MAX_SECTION_BUTTONS = 8;

export function createEditorBroadcastsFeature(deps: BotDeps) {
  const { services } = deps;
  const feature = new Composer<BotContext>();
  const editors = feature.filter((ctx) => ctx.state.isEditor);
  const who = (ctx: BotContext) => `editor:${ctx.from?.id ?? "?"}`;

  editors.command("subscribers", async (ctx) => {
    const s = await services.subscribers.stats();
    const list = (entries: Record<string, number>) => Object.entries(entries).map(([k, v]) => `${k} ${v}`).join(", ") || "—";
    await ctx.reply(ctx.t("subscribers-stats", {
      subscribed: s.subscribed, reachable: s.reachable, blocked: s.blocked, breaking: s.breaking,
      languages: list(s.byLanguage), daily: s.byFrequency.daily, weekly: s.byFrequency.weekly, off: s.byFrequency.off,
      all: s.bySection.all, sections: list(s.bySection.chosen),
      joined: s.change7d.subscribed, left: s.change7d.unsubscribed, net: s.change7d.net > 0 ? `+${s.change7d.net}` : String(s.change7d.net),
    }));
  });

  // /digest: the preview is today's digest as a reader of the newsroom's language following everything gets it.
  editors.command("digest", async (ctx) => {
    const preview = await services.broadcasts.previewDigest(deps.config.defaultLocale);
    if (!preview) return ctx.reply(ctx.t("digest-preview-empty"));
    await ctx.reply(preview.text, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
    await ctx.reply(ctx.t("digest-preview-question"), {
      reply_markup: new InlineKeyboard().text(ctx.t("digest-button-send"), `dg:send:${ctx.msg.message_id}`),
    });
  });

  feature.callbackQuery(/^dg:send:(\d+)$/, async (ctx) => {
    if (!ctx.state.isEditor) return ctx.answerCallbackQuery({ text: ctx.t("error-not-editor"), show_alert: true });
    // One digest per /digest command, however often Send is pressed.
    const { broadcast } = await services.broadcasts.sendDigestNow(`${ctx.chat?.id}:${ctx.match[1]}`, who(ctx));
    await ctx.answerCallbackQuery();
    await showProgress(ctx, broadcast.id, true);
  });

  editors.command("broadcast", async (ctx) => {
    const raw = ctx.match.trim();
    if (!raw) return ctx.reply(ctx.t("broadcast-usage"));
    const { text, buttons } = parseBroadcastCommand(raw);
    let draft: BroadcastRow;
    try {
      draft = await services.broadcasts.draft({ text, buttons }, who(ctx));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const reasons = Object.entries(error.fields).map(([field, reason]) => `${field}: ${reason}`).join("\n");
      return ctx.reply(`${ctx.t("broadcast-invalid")}\n${reasons}\n\n${ctx.t("broadcast-usage")}`);
    }
    // The preview is the very message readers will get.
    const preview = renderAnnouncement(draft.text!, JSON.parse(draft.buttons) as AnnouncementButton[]);
    await ctx.reply(preview.text, { reply_markup: preview.keyboard, link_preview_options: { is_disabled: true } });
    await ctx.reply(...(await audienceMessage(ctx, draft)));
  });

  async function audienceMessage(ctx: BotContext, draft: BroadcastRow): Promise<[string, { reply_markup: InlineKeyboard }]> {
    const chosen = JSON.parse(draft.sections) as string[];
    const known = await services.subscribers.sections(draft.language ?? undefined);
    const reach = await services.broadcasts.countAudience(draft);
    const keyboard = new InlineKeyboard();
    keyboard.text(`${draft.language === null ? "✅ " : ""}${ctx.t("broadcast-all-languages")}`, `bc:lang:${draft.id}:all`);
    for (const locale of LOCALES) keyboard.text(`${draft.language === locale ? "✅ " : ""}${locale}`, `bc:lang:${draft.id}:${locale}`);
    keyboard.row();
    known.slice(0, MAX_SECTION_BUTTONS).forEach((section, i) => {
      keyboard.text(`${chosen.includes(section) ? "✅ " : ""}${section}`, `bc:sec:${draft.id}:${sectionKey(section)}`);
      if (i % 2 === 1) keyboard.row();
    });
    keyboard.row().text(ctx.t("broadcast-button-send", { count: reach }), `bc:send:${draft.id}`).text(ctx.t("broadcast-button-drop"), `bc:drop:${draft.id}`);
    const text = ctx.t("broadcast-audience", {
      language: draft.language ?? ctx.t("broadcast-all-languages"),
      sections: chosen.length ? chosen.join(", ") : ctx.t("broadcast-all-sections"),
      count: reach,
    });
    return [text, { reply_markup: keyboard }];
  }

  feature.callbackQuery(/^bc:(lang|sec|send|drop|prog|stop):(\d+)(?::(.+))?$/, async (ctx) => {
    if (!ctx.state.isEditor) return ctx.answerCallbackQuery({ text: ctx.t("error-not-editor"), show_alert: true });
    const [action, id, arg] = [ctx.match[1]!, Number(ctx.match[2]), ctx.match[3]];
    if (action === "prog" || action === "stop") {
      if (action === "stop") {
        try {
          await services.broadcasts.cancel(id);
        } catch (error) {
          if (!(error instanceof BroadcastStateError || error instanceof BroadcastNotFoundError)) throw error;
        }
      }
      await ctx.answerCallbackQuery();
      return showProgress(ctx, id, false);
    }
    const draft = await services.broadcasts.draftById(id);
    if (!draft) {
      await ctx.answerCallbackQuery({ text: ctx.t("broadcast-draft-gone") });
      return showProgress(ctx, id, false).catch(() => undefined);
    }
    if (action === "drop") {
      await services.broadcasts.discardDraft(id);
      await ctx.answerCallbackQuery();
      return ctx.editMessageText(ctx.t("broadcast-dropped")).catch(() => undefined);
    }
    if (action === "send") {
      await services.broadcasts.confirmDraft(id);
      await ctx.answerCallbackQuery();
      return showProgress(ctx, id, false);
    }
    let updated: BroadcastRow | null = draft;
    if (action === "lang") {
      updated = await services.broadcasts.aimDraft(id, { language: arg === "all" || !LOCALES.includes(arg as never) ? null : arg });
    } else {
      const known = await services.subscribers.sections();
      const section = known.find((s) => sectionKey(s) === arg);
      const chosen = JSON.parse(draft.sections) as string[];
      if (section) updated = await services.broadcasts.aimDraft(id, { sections: chosen.includes(section) ? chosen.filter((s) => s !== section) : [...chosen, section] });
    }
    await ctx.answerCallbackQuery();
    if (updated) await ctx.editMessageText(...(await audienceMessage(ctx, updated))).catch(() => undefined);
  });

  async function showProgress(ctx: BotContext, id: number, asReply: boolean): Promise<void> {
    let progress: BroadcastProgress;
    try {
      progress = await services.broadcasts.progress(id);
    } catch (error) {
      if (!(error instanceof BroadcastNotFoundError)) throw error;
      await ctx.editMessageText(ctx.t("broadcast-dropped")).catch(() => undefined);
      return;
    }
    const text = ctx.t("broadcast-progress", {
      id, status: ctx.t(`broadcast-status-${progress.status}`), total: progress.total, sent: progress.sent,
      blocked: progress.blocked, failed: progress.failed, skipped: progress.skipped, pending: progress.pending,
    });
    const keyboard = new InlineKeyboard().text(ctx.t("broadcast-button-refresh"), `bc:prog:${id}`);
    if (progress.status === "queued" || progress.status === "sending") keyboard.text(ctx.t("broadcast-button-stop"), `bc:stop:${id}`);
    if (asReply) await ctx.reply(text, { reply_markup: keyboard });
    else await ctx.editMessageText(text, { reply_markup: keyboard }).catch(() => undefined);
  }

  return feature;
}
