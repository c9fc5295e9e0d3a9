// The conversation's two verbs: say (a translated message, through conversation.external so it is sent
// once and replayed from the log) and ask (wait until the citizen gives what a step needs; anything else
// gets a short hint, never silence). Steps only describe what they accept.
//
// Bounds (decision 008). conversations v2 keeps every update a wait() returned in the replay log, which is
// stored and replayed on each new update, so a conversation that takes anything forever grows without
// end. Here: an update that is not an answer to anything (an edit, an album item already refused) is
// skipped — dropped before it enters the log; a question answers at most MAX_HINTS_PER_QUESTION unusable
// messages with a hint and ends the conversation politely at the next; a conversation ends after
// MAX_UPDATES updates, and once it is older than its maximum age, counted from its first message.
import type { Conversation } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from "grammy/types";
import type { BaseContext } from "../context.ts";

export type TipConversation = Conversation<BaseContext, Context>;
export type Vars = Record<string, string | number>;
export type T = (key: string, vars?: Vars) => string;
export type Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove;

/** What a step makes of one update: accept a value, answer with a hint, or let it pass unnoticed. */
export type Outcome<V> = { value: V } | { hint: string; vars?: Vars } | { ignore: true };

/** Labels of reply-keyboard buttons, fetched once: Telegram sends a pressed one back as plain text. */
export interface Labels {
  skip: string;
  anonymous: string;
}

/** Unusable messages a question answers with a hint; the next one ends the conversation. */
export const MAX_HINTS_PER_QUESTION = 5;
/** Updates one tip conversation takes (a complete tip with an album and a few edits needs about 40). */
export const MAX_UPDATES = 120;

export interface PromptLimits {
  /** the app's clock, read through conversation.external so a replay sees the same time */
  now: () => number;
  /** a conversation ends this long after it started, however active */
  maxAgeMs: number;
}

export interface Prompt {
  conversation: TipConversation;
  labels: Labels;
  say(key: string, vars?: Vars, options?: { markup?: (t: T) => Markup; html?: (t: T) => string }): Promise<number>;
  ask<V>(parse: (ctx: Context) => Outcome<V>): Promise<{ value: V; ctx: Context }>;
}

export const isCommand = (ctx: Context) => ctx.message?.entities?.some((e) => e.type === "bot_command" && e.offset === 0) ?? false;

export async function createPrompt(conversation: TipConversation, chatId: number, limits: PromptLimits): Promise<Prompt> {
  const labels = await conversation.external((outer) => ({ skip: outer.t("tip-button-skip"), anonymous: outer.t("tip-button-anonymous") }));
  const startedAt = await conversation.external(() => limits.now());
  // Rebuilt on every replay: the log holds exactly the updates counted here.
  let updates = 0;

  const say: Prompt["say"] = (key, vars, options = {}) =>
    conversation.external(async (outer) => {
      const t: T = (k, v) => outer.t(k, v);
      const text = options.html ? options.html(t) : t(key, vars);
      const sent = await outer.api.sendMessage(chatId, text, {
        ...(options.html ? { parse_mode: "HTML" as const, link_preview_options: { is_disabled: true } } : {}),
        ...(options.markup ? { reply_markup: options.markup(t) } : {}),
      });
      return sent.message_id;
    });

  const answer = (text?: string, vars?: Vars) =>
    conversation.external(async (outer) => {
      await outer.answerCallbackQuery(text ? { text: outer.t(text, vars) } : undefined);
    });

  /** Says goodbye and ends the conversation; never returns. */
  async function end(key: string, ctx: Context): Promise<never> {
    if (ctx.callbackQuery) await answer();
    await say(key, {}, { markup: () => ({ remove_keyboard: true }) });
    return conversation.halt();
  }

  async function ask<V>(parse: (ctx: Context) => Outcome<V>): Promise<{ value: V; ctx: Context }> {
    let hints = 0;
    for (;;) {
      const ctx = await conversation.wait();
      // Edits, membership changes and the like are not answers to anything: dropped, never stored.
      if (!ctx.message && !ctx.callbackQuery) await conversation.skip({ next: true });
      const outcome: Outcome<V> = isCommand(ctx) ? { hint: "tip-hint-command" } : parse(ctx);
      if ("ignore" in outcome && !ctx.callbackQuery) await conversation.skip();
      const now = await conversation.external(() => limits.now());
      if (now - startedAt > limits.maxAgeMs) await end("tip-ended-expired", ctx);
      if (++updates > MAX_UPDATES || ("hint" in outcome && ++hints > MAX_HINTS_PER_QUESTION)) await end("tip-ended-hints", ctx);
      if (ctx.callbackQuery) {
        // A button press always gets its spinner stopped; a wrong one gets the hint as a toast.
        await ("hint" in outcome ? answer(outcome.hint, outcome.vars) : answer());
        if ("value" in outcome) return { value: outcome.value, ctx };
        continue;
      }
      if ("value" in outcome) return { value: outcome.value, ctx };
      if ("hint" in outcome) await say(outcome.hint, outcome.vars);
    }
  }

  return { conversation, labels, say, ask };
}

/** Inline buttons, `perRow` to a row. */
export function inline(buttons: Array<[label: string, data: string]>, perRow = 1): InlineKeyboardMarkup {
  const rows: InlineKeyboardMarkup["inline_keyboard"] = [];
  buttons.forEach(([text, callback_data], i) => {
    if (i % perRow === 0) rows.push([]);
    rows.at(-1)!.push({ text, callback_data });
  });
  return { inline_keyboard: rows };
}

/** The callback data of a press if it matches `prefix:<value>`. */
export function pressed(ctx: Context, prefix: string): string | undefined {
  const data = ctx.callbackQuery?.data;
  return data?.startsWith(`${prefix}:`) ? data.slice(prefix.length + 1) : undefined;
}
