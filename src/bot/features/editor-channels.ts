// /channels for editors: list the channels with their state, add or re-enable one, disable one.
import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { ChannelInputError } from "../../channels/channel-service.ts";

export function createEditorChannelsFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const editors = feature.filter((ctx) => ctx.state.isEditor);

  editors.command("channels", async (ctx) => {
    const [verb, chatId, language] = ctx.match.trim().split(/\s+/);
    if (verb === "add" && chatId) {
      try {
        const channel = await deps.services.channels.add(chatId, language ?? deps.config.defaultLocale);
        return ctx.reply(ctx.t("channels-added", { chat: channel.chatId, language: channel.language }));
      } catch (error) {
        if (error instanceof ChannelInputError) {
          return ctx.reply(ctx.t(`channels-bad-${error.code}`, { value: error.value }) + "\n\n" + ctx.t("channels-usage"));
        }
        throw error;
      }
    }
    if ((verb === "remove" || verb === "disable") && chatId) {
      const channel = await deps.services.channels.disable(chatId);
      return ctx.reply(channel ? ctx.t("channels-disabled", { chat: channel.chatId }) : ctx.t("channels-unknown", { chat: chatId }));
    }
    if (verb) return ctx.reply(ctx.t("channels-usage"));
    const channels = await deps.services.channels.list();
    if (channels.length === 0) return ctx.reply(ctx.t("channels-none") + "\n\n" + ctx.t("channels-usage"));
    const lines = channels.map((c) => ctx.t("channels-line", {
      chat: c.chatId, language: c.language, status: ctx.t(`channels-status-${c.status}`), error: c.lastError ?? "",
    }));
    return ctx.reply(lines.join("\n") + "\n\n" + ctx.t("channels-usage"));
  });

  return feature;
}
