// The Telegram side of a channel post: send, edit, withdraw, and find a post a crash left unconfirmed.
import type { Api } from "grammy";
import type { InlineKeyboardMarkup, LinkPreviewOptions } from "grammy/types";
import type { RenderedPost } from "./render-post.ts";
import { classify } from "../delivery/telegram-errors.ts";

const DELETE_WINDOW_MS = 48 * 3600_000 - 10 * 60_000; // Telegram's 48 hours, minus a margin for clock skew

export interface SentPost {
  messageId: number;
  kind: RenderedPost["kind"];
}

function preview(post: RenderedPost): LinkPreviewOptions {
  return post.kind === "text" && post.previewUrl
    ? { url: post.previewUrl, prefer_large_media: true, show_above_text: true }
    : { is_disabled: true };
}

export function createPostSender(api: Api) {
  return {
    async post(chatId: string | number, post: RenderedPost, silent: boolean): Promise<SentPost> {
      const common = { parse_mode: "HTML" as const, reply_markup: post.keyboard, disable_notification: silent };
      const message = post.kind === "photo"
        ? await api.sendPhoto(chatId, post.imageUrl, { ...common, caption: post.html })
        : await api.sendMessage(chatId, post.html, { ...common, link_preview_options: preview(post) });
      return { messageId: message.message_id, kind: post.kind };
    },

    /** Edits a post in place; "not modified" counts as done (the edit already happened). */
    async edit(chatId: string | number, messageId: number, post: RenderedPost, imageChanged: boolean): Promise<void> {
      try {
        if (post.kind === "photo" && imageChanged) {
          await api.editMessageMedia(chatId, messageId,
            { type: "photo", media: post.imageUrl, caption: post.html, parse_mode: "HTML" },
            { reply_markup: post.keyboard });
        } else if (post.kind === "photo") {
          await api.editMessageCaption(chatId, messageId, { caption: post.html, parse_mode: "HTML", reply_markup: post.keyboard });
        } else {
          await api.editMessageText(chatId, messageId, post.html,
            { parse_mode: "HTML", reply_markup: post.keyboard, link_preview_options: preview(post) });
        }
      } catch (error) {
        if (classify(error).kind !== "not-modified") throw error;
      }
    },

    /**
     * Deletes a post, or — past Telegram's 48-hour limit for deleteMessage — turns it into a short notice
     * without the button. A post someone already deleted counts as withdrawn.
     */
    async withdraw(chatId: string | number, messageId: number, kind: string | null, sentAt: Date | null, now: Date, noticeHtml: string): Promise<"deleted" | "noticed"> {
      const young = sentAt !== null && now.getTime() - sentAt.getTime() < DELETE_WINDOW_MS;
      if (young) {
        try {
          await api.deleteMessage(chatId, messageId);
          return "deleted";
        } catch (error) {
          const failure = classify(error);
          if (failure.kind === "message-gone") return "deleted";
          if (failure.kind !== "too-old-to-delete") throw error;
        }
      }
      const empty: InlineKeyboardMarkup = { inline_keyboard: [] };
      try {
        if (kind === "photo") {
          await api.editMessageCaption(chatId, messageId, { caption: noticeHtml, parse_mode: "HTML", reply_markup: empty });
        } else {
          await api.editMessageText(chatId, messageId, noticeHtml,
            { parse_mode: "HTML", reply_markup: empty, link_preview_options: { is_disabled: true } });
        }
      } catch (error) {
        const failure = classify(error);
        if (failure.kind !== "not-modified" && failure.kind !== "message-gone") throw error;
      }
      return "noticed";
    },

    /**
     * After a crash between sending a post and recording it, looks for the post among `candidates`
     * (message ids). Re-applying the exact keyboard is harmless on our own post and Telegram answers
     * "message is not modified" — proof the post is there. A foreign message that accepted the keyboard
     * (the bot may edit others' posts) is put back without one. See docs/decisions/003.
     */
    async find(chatId: string | number, candidates: number[], keyboard: InlineKeyboardMarkup): Promise<number | null> {
      for (const messageId of candidates) {
        try {
          await api.editMessageReplyMarkup(chatId, messageId, { reply_markup: keyboard });
          await api.editMessageReplyMarkup(chatId, messageId, { reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
        } catch (error) {
          const failure = classify(error);
          if (failure.kind === "not-modified") return messageId;
          if (failure.kind === "rate-limited" || failure.kind === "transient") throw error;
          // not found / can't be edited: not ours, look further
        }
      }
      return null;
    },
  };
}

export type PostSender = ReturnType<typeof createPostSender>;
