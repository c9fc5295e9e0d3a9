// News tips. Citizens (private chat): /tip, the menu button or t.me/<bot>?start=tip start the guided
// conversation; /cancel leaves it; later messages go to the newsroom as answers. Editors (the editors'
// group, or ADMIN_IDS): the card's buttons and replies to the card or to a relayed citizen message.
import { Composer, type Api } from "grammy";
import { conversations, createConversation } from "@grammyjs/conversations";
import { limit } from "@grammyjs/ratelimiter";
import type { Context } from "grammy";
import type { BaseContext, BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { safeError } from "../../tips/tip-desk.ts";
import { TipTransitionError } from "../../tips/tip-errors.ts";
import type { TipStatus } from "../../tips/tip-types.ts";
import { internalId } from "../../db/ids.ts";
import { truncate } from "../../text/truncate.ts";
import { createSessionStorage } from "../conversations/session-storage.ts";
import { createTipConversation, TIP_CONVERSATION, TIP_FLOW_VERSION } from "../conversations/tip-conversation.ts";

/** Per citizen: enough for an album of 10 sent in one go plus the rest of the flow, not for a flood. */
export const TIP_RATE_LIMIT = { limit: 30, timeFrameMs: 10_000 } as const;

const DECISIONS = { acc: "accepted", rej: "rejected", pub: "published" } as const satisfies Record<string, TipStatus>;

export function createTipFeature(deps: BotDeps & { api: Api }) {
  const { config, services, logger } = deps;
  const log = logger.child({ feature: "tip" });
  const desk = services.tipDesk;
  const actions = services.tipActions;
  const citizenOf = actions.citizenOf;

  // Cards are posted outside any update (right after a tip is stored, and by the post-tip-cards job),
  // through the bot's own Api: the same shared rate budget and auto-retry.
  if (config.editorChatId) {
    services.tips.connectDesk(async (tip) => desk.post(deps.api, tip, await citizenOf(tip)));
  } else {
    log.warn("EDITOR_CHAT_ID is not set: tips are stored but cannot reach a desk; their cards are posted once it is set");
  }

  const feature = new Composer<BotContext>();
  const citizen = feature.chatType("private");

  citizen.use(limit<BotContext, never>({
    timeFrame: TIP_RATE_LIMIT.timeFrameMs,
    limit: TIP_RATE_LIMIT.limit,
    keyGenerator: (ctx) => (ctx.state.isEditor ? undefined : ctx.from?.id.toString()),
    onLimitExceeded: async (ctx) => {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("tip-rate-limited"), show_alert: true });
      else await ctx.reply(ctx.t("tip-rate-limited"));
    },
  }));

  citizen.use(conversations<BaseContext, Context>({
    storage: createSessionStorage<BaseContext>({
      drafts: services.tips.drafts, clock: deps.clock, ttlMs: services.tips.draftTtlMs, version: TIP_FLOW_VERSION,
    }),
  }));

  // Before the conversation itself, so /cancel is seen at every step instead of being an answer.
  citizen.command("cancel", async (ctx, next) => {
    if (ctx.conversation.active(TIP_CONVERSATION) === 0) {
      if (Object.keys(ctx.conversation.active()).length > 0) return next();
      return ctx.reply(ctx.t("nothing-to-cancel"), { reply_markup: { remove_keyboard: true } });
    }
    await ctx.conversation.exit(TIP_CONVERSATION);
    await ctx.reply(ctx.t("tip-cancelled"), { reply_markup: { remove_keyboard: true } });
  });

  citizen.use(createConversation<BaseContext, Context>(createTipConversation({ tips: services.tips, clock: deps.clock, maxAgeMs: services.tips.draftTtlMs }), TIP_CONVERSATION));

  const enter = async (ctx: BotContext) => {
    if (ctx.state.user?.isBanned) return ctx.reply(ctx.t("tip-banned"));
    await ctx.conversation.enter(TIP_CONVERSATION);
  };
  citizen.command("tip", enter);
  citizen.command("start", (ctx, next) => (ctx.match.trim() === "tip" ? enter(ctx) : next()));
  citizen.callbackQuery("menu:tip", async (ctx) => {
    await ctx.answerCallbackQuery();
    await enter(ctx);
  });
  // A button of a tip conversation that is over (sent, cancelled, expired, or from before a flow change).
  citizen.callbackQuery(/^tipc:/, (ctx) => ctx.answerCallbackQuery({ text: ctx.t("tip-expired"), show_alert: true }));

  // Outside the conversation, a citizen's message continues their open thread with the newsroom, if any.
  citizen.on("message", async (ctx, next) => {
    const user = ctx.state.user;
    if (!user || ctx.msg.text?.startsWith("/")) return next();
    const tip = await services.tips.findCitizenThread(user.id, ctx.msg.reply_to_message?.message_id);
    if (!tip) return next();
    if (user.isBanned) return ctx.reply(ctx.t("tip-banned"));
    await desk.relayToDesk(ctx.api, tip, {
      chatId: ctx.chat.id, messageId: ctx.msg.message_id, text: ctx.msg.text, caption: ctx.msg.caption,
      fileId: ctx.msg.photo?.at(-1)?.file_id ?? ctx.msg.video?.file_id ?? ctx.msg.document?.file_id ?? ctx.msg.voice?.file_id,
    });
    await ctx.reply(ctx.t("tip-relay-delivered", { reference: tip.reference }));
  });

  feature.callbackQuery(/^tip:(acc|rej|rep|ban|banok|pub|back|unban):(\d+)$/, async (ctx) => {
    if (!ctx.state.isEditor) return ctx.answerCallbackQuery({ text: ctx.t("tip-desk-not-editor"), show_alert: true });
    const [action, id] = [ctx.match[1]!, internalId(ctx.match[2]!)];
    // The button carries our own id: looked up as one, never read as a reference.
    const tip = id === null ? null : await services.tips.byId(id);
    if (!tip) return ctx.answerCallbackQuery({ text: ctx.t("tip-desk-not-found"), show_alert: true });
    const editor = editorName(ctx.from);
    const card = { awaitCard: true };
    log.info({ tipId: tip.id, action }, "desk action");
    try {
      if (action === "rep") {
        const prompt = await ctx.api.sendMessage(ctx.chat!.id, ctx.t("tip-desk-reply-prompt", { reference: tip.reference }), {
          reply_markup: { force_reply: true, input_field_placeholder: tip.reference },
          reply_parameters: { message_id: tip.cardMessageId ?? 0, allow_sending_without_reply: true },
        });
        await services.tips.recordPrompt(tip.id, prompt.message_id);
      } else if (action === "ban" || action === "back") {
        await desk.refresh(ctx.api, tip, await citizenOf(tip), action === "ban");
      } else if (action === "banok") {
        await actions.ban(ctx.api, tip.id, editor, card);
      } else if (action === "unban") {
        await actions.unban(ctx.api, tip.id, editor, card);
      } else {
        const { article } = await actions.decide(ctx.api, tip.id, DECISIONS[action as keyof typeof DECISIONS], editor, card);
        if (article) return ctx.answerCallbackQuery({ text: ctx.t("tip-desk-draft-created", { reference: tip.reference, id: article.id }) });
      }
      await ctx.answerCallbackQuery();
    } catch (error) {
      if (!(error instanceof TipTransitionError)) throw error;
      await ctx.answerCallbackQuery({ text: ctx.t("tip-desk-transition-refused", { from: ctx.t(`tip-status-${error.from}`) }), show_alert: true });
    }
  });

  // An editor's reply to the card, to a relayed citizen message or to the Reply button's prompt.
  feature.on("message", async (ctx, next) => {
    const replied = ctx.msg.reply_to_message;
    if (String(ctx.chat.id) !== config.editorChatId || !replied || replied.from?.id !== ctx.me.id || ctx.msg.text?.startsWith("/")) return next();
    const tip = await services.tips.findByEditorReply(String(ctx.chat.id), replied.message_id);
    if (!tip) return next();
    const person = await citizenOf(tip);
    const thread = { reply_parameters: { message_id: ctx.msg.message_id } };
    if (tip.status === "spam" || !person || person.isBanned) return ctx.reply(ctx.t("tip-desk-relay-closed", { reference: tip.reference }), thread);
    try {
      await desk.relayToCitizen(ctx.api, tip, person, { chatId: ctx.chat.id, messageId: ctx.msg.message_id, text: ctx.msg.text, caption: ctx.msg.caption });
      await ctx.reply(ctx.t("tip-desk-relayed", { reference: tip.reference }), thread);
    } catch (error) {
      log.warn({ tipId: tip.id, err: safeError(error) }, "relay to the citizen failed");
      if ((error as { error_code?: number }).error_code === 403) await services.users.markUnreachable(person.id);
      await ctx.reply(ctx.t("tip-desk-relay-failed", { reference: tip.reference }), thread);
    }
  });

  /** How the desk card names the editor who acted: their Telegram name, as the group already sees it. */
  function editorName(from: { first_name: string; last_name?: string }): string {
    return truncate([from.first_name, from.last_name].filter(Boolean).join(" "), 64);
  }

  return feature;
}
