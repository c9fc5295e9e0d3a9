/**
 * Changing what is already in a chat: edits, deletes, poll stops, copies and forwards.
 * The refusals here are the ones a publisher hits in production (not modified, not found,
 * too old to delete), so their descriptions are Telegram's own.
 */
import { badRequest } from "./errors.ts";
import type { ChatRecord, FakeMessage } from "./chat-state.ts";
import { formatText, num, str, targetChat, type Handler, type MethodContext, type Params } from "./context.ts";
import {
  MEDIA_KINDS, TEXT_LIMIT, captioned, common, fileRef, renderMessage, type MediaKind,
} from "./messages.ts";

const DELETE_WINDOW_SECONDS = 48 * 3600;
const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

/** An empty inline keyboard and no keyboard are the same thing to Telegram. */
function markupKey(m: unknown): string {
  const kb = (m as { inline_keyboard?: unknown[] } | undefined)?.inline_keyboard;
  return kb && kb.length > 0 ? JSON.stringify(kb) : "";
}

function editTarget(p: Params, ctx: MethodContext): { rec: ChatRecord; msg: FakeMessage } {
  if (p.inline_message_id !== undefined) throw badRequest("inline message edits are not supported by the fake");
  const rec = targetChat(p, ctx);
  const msg = rec.byId.get(num(p, "message_id") ?? -1);
  if (!msg || msg.deleted) throw badRequest("message to edit not found");
  if (!msg.fromBot) throw badRequest("message can't be edited");
  return { rec, msg };
}

function mediaKind(msg: FakeMessage): MediaKind | undefined {
  return MEDIA_KINDS.find((k) => msg[k] !== undefined);
}

/** Applies an edit unless nothing changes; `content` is compared before and after. */
function applyEdit(msg: FakeMessage, next: Partial<FakeMessage>, newMarkup: unknown, rec: ChatRecord, ctx: MethodContext) {
  const contentKey = (m: Partial<FakeMessage>) =>
    JSON.stringify([m.text, m.caption, m.entities ?? [], ...MEDIA_KINDS.map((k) => m[k])]);
  const merged = { ...msg, ...next };
  if (contentKey(merged) === contentKey(msg) && markupKey(newMarkup) === markupKey(msg.reply_markup)) {
    throw badRequest(NOT_MODIFIED);
  }
  Object.assign(msg, next, { reply_markup: newMarkup, edits: msg.edits + 1 });
  return renderMessage(msg, rec, ctx);
}

const editMessageText: Handler = (p, ctx) => {
  const { rec, msg } = editTarget(p, ctx);
  if (msg.text === undefined) throw badRequest("there is no text in the message to edit");
  const f = formatText(str(p, "text"), str(p, "parse_mode"), p.entities, TEXT_LIMIT, "text");
  if (!f || f.text.trim() === "") throw badRequest("message text is empty");
  const next: Partial<FakeMessage> = { text: f.text, entities: f.entities, entitiesOrHtml: f.html, parse_mode: str(p, "parse_mode") };
  if (p.link_preview_options !== undefined) next.link_preview_options = p.link_preview_options;
  return applyEdit(msg, next, p.reply_markup, rec, ctx);
};

const editMessageCaption: Handler = (p, ctx) => {
  const { rec, msg } = editTarget(p, ctx);
  if (!mediaKind(msg)) throw badRequest("there is no caption in the message to edit");
  const next = { caption: undefined, entities: undefined, entitiesOrHtml: undefined, ...captioned(p) };
  return applyEdit(msg, next, p.reply_markup, rec, ctx);
};

const editMessageMedia: Handler = (p, ctx) => {
  const { rec, msg } = editTarget(p, ctx);
  if (!mediaKind(msg)) throw badRequest("there is no media in the message to edit");
  const media = (p.media ?? {}) as Params;
  const kind = str(media, "type") as MediaKind;
  if (!MEDIA_KINDS.includes(kind)) throw badRequest("media type is invalid");
  const next: Partial<FakeMessage> = Object.fromEntries(MEDIA_KINDS.map((k) => [k, undefined]));
  Object.assign(next, { caption: undefined, entities: undefined, entitiesOrHtml: undefined }, captioned(media), {
    [kind]: fileRef(media.media, kind),
  });
  return applyEdit(msg, next, p.reply_markup, rec, ctx);
};

const editMessageReplyMarkup: Handler = (p, ctx) => {
  const { rec, msg } = editTarget(p, ctx);
  return applyEdit(msg, {}, p.reply_markup, rec, ctx);
};

function deleteOne(rec: ChatRecord, id: number, ctx: MethodContext): void {
  const msg = rec.byId.get(id);
  if (!msg || msg.deleted) throw badRequest("message to delete not found");
  if (ctx.store.clock.unixSeconds() - msg.date > DELETE_WINDOW_SECONDS) {
    throw badRequest("message can't be deleted for everyone");
  }
  msg.deleted = true;
}

const deleteMessage: Handler = (p, ctx) => {
  deleteOne(targetChat(p, ctx), num(p, "message_id") ?? -1, ctx);
  return true;
};

/** Like Telegram, deleteMessages skips messages it cannot delete instead of failing. */
const deleteMessages: Handler = (p, ctx) => {
  const rec = targetChat(p, ctx);
  const ids = Array.isArray(p.message_ids) ? p.message_ids.map(Number) : [];
  if (ids.length < 1 || ids.length > 100) throw badRequest("message_ids must contain 1-100 items");
  for (const id of ids) {
    try { deleteOne(rec, id, ctx); } catch { /* skipped, as Telegram does */ }
  }
  return true;
};

const stopPoll: Handler = (p, ctx) => {
  const rec = targetChat(p, ctx);
  const msg = rec.byId.get(num(p, "message_id") ?? -1);
  if (!msg || msg.deleted || !msg.poll) throw badRequest("message with poll to stop not found");
  if (!msg.fromBot) throw badRequest("message can't be edited");
  if (msg.poll.is_closed) throw badRequest("poll has already been closed");
  msg.poll.is_closed = true;
  if (p.reply_markup !== undefined) msg.reply_markup = p.reply_markup;
  return msg.poll;
};

/** The content of any message, bot's or user's (the store copies text, caption and file ids out of user messages). */
function contentOf(msg: FakeMessage): Partial<FakeMessage> {
  const { text, caption, entities, entitiesOrHtml, parse_mode, location } = msg;
  const media = Object.fromEntries(MEDIA_KINDS.filter((k) => msg[k] !== undefined).map((k) => [k, msg[k]]));
  return { text, caption, entities, entitiesOrHtml, parse_mode, location, ...media };
}

function sourceMessage(p: Params, ctx: MethodContext, what: string): FakeMessage {
  const src = ctx.store.liveMessage(p.from_chat_id, p.message_id);
  if (!src) throw badRequest(`message to ${what} not found`);
  return src;
}

const copyMessage: Handler = (p, ctx) => {
  const src = sourceMessage(p, ctx, "copy");
  const rec = targetChat(p, ctx);
  const content = { ...contentOf(src), ...(p.caption !== undefined ? captioned(p) : {}) };
  const copy = ctx.store.addMessage(rec, { fromBot: true, ...common(p, rec), ...content });
  return { message_id: copy.message_id };
};

const forwardMessage: Handler = (p, ctx) => {
  const src = sourceMessage(p, ctx, "forward");
  const rec = targetChat(p, ctx);
  const forwardedFrom = { chatId: Number(src.chatId), message_id: src.message_id, date: src.date };
  const msg = ctx.store.addMessage(rec, { fromBot: true, ...common(p, rec), ...contentOf(src), forwardedFrom });
  return renderMessage(msg, rec, ctx);
};

const pinChatMessage: Handler = (p, ctx) => {
  const msg = targetChat(p, ctx).byId.get(num(p, "message_id") ?? -1);
  if (!msg || msg.deleted) throw badRequest("message to pin not found");
  msg.pinned = true;
  return true;
};

const setMessageReaction: Handler = (p, ctx) => {
  const msg = targetChat(p, ctx).byId.get(num(p, "message_id") ?? -1);
  if (!msg || msg.deleted) throw badRequest("message to react not found");
  return true;
};

export const editHandlers: Record<string, Handler> = {
  editMessageText, editMessageCaption, editMessageMedia, editMessageReplyMarkup,
  deleteMessage, deleteMessages, stopPoll, copyMessage, forwardMessage, pinChatMessage, setMessageReaction,
  unpinChatMessage: (p, ctx) => (targetChat(p, ctx), true),
};
