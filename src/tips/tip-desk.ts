// The Telegram side of the newsroom's desk: the card and its album in the editors' group, status
// notices and the relay in both directions. Only grammY's Api *type* is used: callers pass ctx.api, so
// the bot's rate limiter and auto-retry apply. Errors are logged without payloads, because a failed
// call's payload can hold a tipster's phone (the card) or chat id.
import type { Api } from "grammy";
import type { Logger } from "../logger.ts";
import { renderTipCard } from "./tip-card.ts";
import { cleanText } from "../text/clean.ts";
import { truncate } from "../text/truncate.ts";
import { NOTIFIED_STATUSES } from "./tip-status.ts";
import type { TipRow } from "./tip-repository.ts";
import type { TipService } from "./tip-service.ts";
import type { CardOutcome } from "./tip-card-outbox.ts";
import { classify } from "../delivery/telegram-errors.ts";
import type { TipStatus } from "./tip-types.ts";

export type LocaleTranslate = (locale: string, key: string, variables?: Record<string, string | number>) => string;

export interface TipDeskDeps {
  tips: TipService;
  translate: LocaleTranslate;
  /** the newsroom's language: cards and desk buttons */
  locale: string;
  editorChatId: string | undefined;
  logger: Logger;
}

export interface Citizen {
  telegramId: string;
  locale: string | null;
  firstName: string | null;
  /** shown on a spam tip's card, with an Unban button while it holds */
  isBanned?: boolean;
}

type Button = { text: string; callback_data: string };

/** Callback data: `tip:<action>:<tipId>`, far under Telegram's 64 bytes. */
export const DESK_ACTIONS = ["acc", "rej", "rep", "ban", "banok", "pub", "back", "unban"] as const;
export type DeskAction = (typeof DESK_ACTIONS)[number];

/** Telegram's limits for what is relayed, in UTF-16 units of plain text (the relays send no markup). */
const TEXT_LIMIT = 4096;
const CAPTION_LIMIT = 1024;

/** A relayed message's words, cleaned where they enter our store and go out again (src/text/clean.ts). */
function cleaned(message: { text?: string; caption?: string }): { text?: string; caption?: string } {
  return {
    text: message.text === undefined ? undefined : cleanText(message.text),
    caption: message.caption === undefined ? undefined : cleanText(message.caption),
  };
}

/** Describes a failed Bot API call without its payload. */
export function safeError(error: unknown): Record<string, unknown> {
  const e = error as { name?: string; method?: string; error_code?: number; description?: string; message?: string };
  return { name: e.name, method: e.method, code: e.error_code, description: e.description ?? e.message?.slice(0, 200) };
}

export function createTipDesk(deps: TipDeskDeps) {
  const log = deps.logger.child({ component: "tip-desk" });
  const t = (key: string, vars?: Record<string, string | number>) => deps.translate(deps.locale, key, vars);
  const button = (action: DeskAction, tipId: number, label: string): Button => ({ text: t(label), callback_data: `tip:${action}:${tipId}` });

  function keyboard(tip: { id: number; status: string }, confirmBan = false, senderBanned = false): { inline_keyboard: Button[][] } {
    if (confirmBan) return { inline_keyboard: [[button("banok", tip.id, "tip-desk-button-ban-confirm"), button("back", tip.id, "tip-desk-button-back")]] };
    const reply = button("rep", tip.id, "tip-desk-button-reply");
    const ban = button("ban", tip.id, "tip-desk-button-ban");
    switch (tip.status as TipStatus) {
      case "new":
      case "in_progress":
        return { inline_keyboard: [[button("acc", tip.id, "tip-desk-button-accept"), button("rej", tip.id, "tip-desk-button-reject")], [reply, ban]] };
      case "accepted":
        return { inline_keyboard: [[button("pub", tip.id, "tip-desk-button-published"), button("rej", tip.id, "tip-desk-button-reject")], [reply, ban]] };
      case "rejected":
        return { inline_keyboard: [[button("acc", tip.id, "tip-desk-button-accept")], [reply, ban]] };
      case "published":
        return { inline_keyboard: [[reply]] };
      case "spam":
        return { inline_keyboard: senderBanned ? [[button("unban", tip.id, "tip-desk-button-unban")]] : [] };
      default:
        return { inline_keyboard: [] };
    }
  }

  // A null citizen erased their data (/forget): the card shows no name and no ban.
  const card = (tip: TipRow, citizen?: Pick<Citizen, "firstName" | "isBanned"> | null) =>
    renderTipCard({ ...tip, authorName: citizen?.firstName, senderBanned: citizen?.isBanned }, t);

  async function sendMedia(api: Api, chatId: string, tip: TipRow, replyTo: number): Promise<void> {
    const reply_parameters = { message_id: replyTo, allow_sending_without_reply: true };
    // Telegram albums mix photos and videos, but documents only group with documents.
    const visual = tip.attachments.filter((a) => a.kind !== "document");
    const documents = tip.attachments.filter((a) => a.kind === "document");
    for (const group of [visual, documents]) {
      if (group.length === 1) {
        const only = group[0]!;
        if (only.kind === "photo") await api.sendPhoto(chatId, only.fileId, { reply_parameters });
        else if (only.kind === "video") await api.sendVideo(chatId, only.fileId, { reply_parameters });
        else await api.sendDocument(chatId, only.fileId, { reply_parameters });
      } else if (group.length > 1) {
        const media = group.map((a) => ({ type: a.kind as "photo" | "video" | "document", media: a.fileId }));
        await api.sendMediaGroup(chatId, media as Parameters<Api["sendMediaGroup"]>[1], { reply_parameters });
      }
    }
    if (tip.voiceFileId) await api.sendVoice(chatId, tip.voiceFileId, { reply_parameters });
  }

  return {
    keyboard,
    card,

    /**
     * Card, then its media threaded under it; called by the card outbox (`tip-card-outbox.ts`), never by
     * the conversation. A refusal is logged without payload and the `post-tip-cards` job tries again; it
     * says whether only this card was refused or the whole chat refuses (see CardOutcome). Media that fail
     * after the card are logged and not re-sent: nothing records which of them arrived (decision 006).
     */
    async post(api: Api, tip: TipRow, citizen: Citizen | null): Promise<CardOutcome> {
      if (tip.cardMessageId !== null) return "posted";
      // Without a chat the bot does not connect the outbox at all; this is only a guard.
      const chatId = deps.editorChatId;
      if (!chatId) return "chat-refuses";
      let cardId: number;
      try {
        const sent = await api.sendMessage(chatId, card(tip, citizen), {
          parse_mode: "HTML", reply_markup: keyboard(tip, false, citizen?.isBanned ?? false), link_preview_options: { is_disabled: true },
        });
        cardId = sent.message_id;
      } catch (error) {
        log.error({ tipId: tip.id, err: safeError(error) }, "the editors' chat refused the tip card; it is stored and will be posted again");
        // Only a refusal of this card's content lets the next card try; anything else is the chat's state.
        return classify(error).kind === "permanent" ? "refused" : "chat-refuses";
      }
      await deps.tips.recordCard(tip.id, chatId, cardId);
      try {
        await sendMedia(api, chatId, tip, cardId);
      } catch (error) {
        log.error({ tipId: tip.id, attachments: tip.attachments.length, err: safeError(error) },
          "the tip card is out but its media did not reach the editors' chat; they are not re-sent");
      }
      return "posted";
    },

    async refresh(api: Api, tip: TipRow, citizen: Citizen | null, confirmBan = false): Promise<void> {
      if (!tip.editorChatId || !tip.cardMessageId) return;
      await api.editMessageText(tip.editorChatId, tip.cardMessageId, card(tip, citizen), {
        parse_mode: "HTML", reply_markup: keyboard(tip, confirmBan, citizen?.isBanned ?? false), link_preview_options: { is_disabled: true },
      }).catch((error: unknown) => {
        // "message is not modified" when two editors press the same button: nothing to do.
        if (!/not modified/.test(String((error as { description?: string }).description))) log.warn({ tipId: tip.id, err: safeError(error) }, "card refresh failed");
      });
    },

    /** Tells the citizen about a status change in their language; false if they cannot be reached. */
    async notify(api: Api, tip: TipRow, citizen: Citizen, status: TipStatus): Promise<boolean> {
      if (!NOTIFIED_STATUSES.includes(status)) return true;
      const text = deps.translate(citizen.locale ?? tip.language, `tip-notify-${status}`, { reference: tip.reference });
      return api.sendMessage(citizen.telegramId, text).then(() => true, (error: unknown) => {
        log.warn({ tipId: tip.id, err: safeError(error) }, "status notice not delivered");
        return false;
      });
    },

    /**
     * An editor's message to the citizen, signed as the newsroom: text is re-sent, media copied with our
     * caption. From the console there is no message in the editors' chat: text only, no `messageId`.
     */
    async relayToCitizen(api: Api, tip: TipRow, citizen: Citizen, message: { chatId?: number; messageId?: number; text?: string; caption?: string }) {
      const locale = citizen.locale ?? tip.language;
      const sign = (body: string) => deps.translate(locale, "tip-relay-to-citizen", { reference: tip.reference, text: body });
      const { text, caption } = cleaned(message);
      // From the console there is no message in the editors' chat to copy: its text is sent.
      const sent = text !== undefined || message.chatId === undefined || message.messageId === undefined
        ? await api.sendMessage(citizen.telegramId, truncate(sign(text ?? ""), TEXT_LIMIT))
        : await api.copyMessage(citizen.telegramId, message.chatId, message.messageId, { caption: truncate(sign(caption ?? ""), CAPTION_LIMIT) });
      await deps.tips.recordMessage({ tipId: tip.id, direction: "to_citizen", text: text ?? caption ?? null,
        editorMessageId: message.messageId ?? null, citizenMessageId: sent.message_id });
      await deps.tips.markInProgress(tip.id);
    },

    /** A console reply, shown under the card so the group sees the whole thread (and who answered). */
    async noteConsoleReply(api: Api, tip: TipRow, editor: string, text: string): Promise<void> {
      const chatId = tip.editorChatId ?? deps.editorChatId;
      if (!chatId) return;
      const reply_parameters = tip.cardMessageId ? { message_id: tip.cardMessageId, allow_sending_without_reply: true } : undefined;
      await api.sendMessage(chatId, t("tip-desk-console-reply", { reference: tip.reference, editor, text }).slice(0, 4096), { reply_parameters });
    },

    /** The citizen's answer, threaded under the card in the editors' chat. */
    async relayToDesk(api: Api, tip: TipRow, message: { chatId: number; messageId: number; text?: string; caption?: string; fileId?: string }) {
      const chatId = tip.editorChatId ?? deps.editorChatId;
      if (!chatId) return;
      const reply_parameters = tip.cardMessageId ? { message_id: tip.cardMessageId, allow_sending_without_reply: true } : undefined;
      const head = t("tip-relay-to-desk", { reference: tip.reference });
      const { text, caption } = cleaned(message);
      const sent = text !== undefined
        ? await api.sendMessage(chatId, truncate(`${head}\n${text}`, TEXT_LIMIT), { reply_parameters })
        : await api.copyMessage(chatId, message.chatId, message.messageId, { caption: truncate(`${head}\n${caption ?? ""}`, CAPTION_LIMIT), reply_parameters });
      await deps.tips.recordMessage({ tipId: tip.id, direction: "from_citizen", text: text ?? caption ?? null,
        fileId: message.fileId ?? null, editorMessageId: sent.message_id, citizenMessageId: message.messageId });
    },
  };
}

export type TipDesk = ReturnType<typeof createTipDesk>;
