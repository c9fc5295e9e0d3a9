/**
 * Sending: every send* method validates like Telegram, stores a FakeMessage and answers
 * with a Telegram `Message` rendered from it (`renderMessage` is also used by callback
 * queries, edits and forwards so all views of a message agree).
 */
import { badRequest } from "./errors.ts";
import { chatObject, type ChatRecord, type FakeMessage, type FakePoll } from "./chat-state.ts";
import { bool, formatText, num, required, str, targetChat, type Handler, type MethodContext, type Params } from "./context.ts";

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;
export const MEDIA_KINDS = ["photo", "video", "document", "audio", "voice", "animation"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];
let pollSeq = 0;

export function renderMessage(msg: FakeMessage, rec: ChatRecord, ctx: MethodContext, depth = 0): Record<string, unknown> {
  if (msg.raw) return msg.raw;
  const chat = chatObject(rec.chat);
  const out: Record<string, unknown> = {
    message_id: msg.message_id,
    ...(rec.chat.type === "channel" ? { sender_chat: chat } : { from: botUser(ctx) }),
    chat,
    date: msg.date,
  };
  if (msg.edits > 0) out.edit_date = msg.date;
  if (msg.message_thread_id !== undefined) out.message_thread_id = msg.message_thread_id;
  const replied = msg.reply_to_message_id === undefined ? undefined : rec.byId.get(msg.reply_to_message_id);
  if (replied && depth === 0) out.reply_to_message = renderMessage(replied, rec, ctx, 1);
  if (msg.media_group_id) out.media_group_id = msg.media_group_id;
  if (msg.forwardedFrom) out.forward_origin = forwardOrigin(msg.forwardedFrom, ctx);
  if (msg.text !== undefined) {
    out.text = msg.text;
    if (msg.entities) out.entities = msg.entities;
  }
  for (const kind of MEDIA_KINDS) {
    const ref = msg[kind];
    if (ref !== undefined) out[kind] = fileObject(kind, ref, ctx);
  }
  if (msg.caption !== undefined) {
    out.caption = msg.caption;
    if (msg.entities) out.caption_entities = msg.entities;
  }
  if (msg.location) out.location = msg.location;
  if (msg.poll) out.poll = msg.poll;
  // Telegram only echoes inline keyboards; reply keyboards are not part of a Message.
  const markup = msg.reply_markup as { inline_keyboard?: unknown } | undefined;
  if (markup?.inline_keyboard) out.reply_markup = { inline_keyboard: markup.inline_keyboard };
  return out;
}

function forwardOrigin(from: NonNullable<FakeMessage["forwardedFrom"]>, ctx: MethodContext): unknown {
  const source = ctx.store.find(from.chatId);
  if (source?.chat.type === "channel") {
    return { type: "channel", chat: chatObject(source.chat), message_id: from.message_id, date: from.date };
  }
  const original = source?.byId.get(from.message_id);
  const sender = original?.raw?.from ?? (original?.fromBot ? botUser(ctx) : undefined);
  return sender ? { type: "user", sender_user: sender, date: from.date } : { type: "hidden_user", sender_user_name: "Hidden", date: from.date };
}

export function botUser(ctx: MethodContext): Record<string, unknown> {
  return { id: ctx.bot.id, is_bot: true, first_name: ctx.bot.first_name, username: ctx.bot.username };
}

function fileObject(kind: MediaKind, ref: string, ctx: MethodContext): unknown {
  let file_id = ref;
  if (/^(https?:|attach:\/\/)/.test(ref)) {
    file_id = ctx.fileIds.get(ref) ?? `fake-${kind}-${ctx.fileIds.size + 1}`;
    ctx.fileIds.set(ref, file_id);
  }
  const base = { file_id, file_unique_id: `u-${file_id}`, file_size: 1024 };
  if (kind === "photo") return [{ ...base, width: 320, height: 240 }, { ...base, width: 1280, height: 960 }];
  if (kind === "video" || kind === "animation") return { ...base, width: 1280, height: 720, duration: 10 };
  if (kind === "audio" || kind === "voice") return { ...base, duration: 10 };
  return { ...base, file_name: "file.bin", mime_type: "application/octet-stream" };
}

/** Fields every send shares: reply target, markup, notification and thread settings. */
export function common(p: Params, rec: ChatRecord): Partial<FakeMessage> {
  const reply = (p.reply_parameters ?? {}) as Params;
  const replyTo = num(reply, "message_id") ?? num(p, "reply_to_message_id");
  const allowMissing = bool(reply, "allow_sending_without_reply") ?? bool(p, "allow_sending_without_reply");
  const out: Partial<FakeMessage> = {};
  if (replyTo !== undefined) {
    const target = rec.byId.get(replyTo);
    if (target && !target.deleted) out.reply_to_message_id = replyTo;
    else if (!allowMissing) throw badRequest("message to be replied not found");
  }
  if (p.reply_markup !== undefined) out.reply_markup = checkMarkup(p.reply_markup);
  if (p.link_preview_options !== undefined) out.link_preview_options = p.link_preview_options;
  const silent = bool(p, "disable_notification");
  if (silent !== undefined) out.disable_notification = silent;
  const thread = num(p, "message_thread_id");
  if (thread !== undefined) out.message_thread_id = thread;
  return out;
}

/** Telegram refuses buttons that open anything but http(s) and tg: links. */
function checkMarkup(markup: unknown): unknown {
  const rows = (markup as { inline_keyboard?: unknown })?.inline_keyboard;
  if (Array.isArray(rows)) {
    for (const button of rows.flat() as Params[]) {
      const url = str(button, "url");
      if (url !== undefined && !/^(https?|tg):\/\/[^\s]+$/i.test(url)) throw badRequest("BUTTON_URL_INVALID");
      if ((str(button, "text") ?? "").trim() === "") throw badRequest("text buttons are unallowed in the inline keyboard");
    }
  }
  return markup;
}

const sendMessage: Handler = (p, ctx) => {
  const rec = targetChat(p, ctx);
  const f = formatText(str(p, "text"), str(p, "parse_mode"), p.entities, TEXT_LIMIT, "text");
  if (!f || f.text.trim() === "") throw badRequest("message text is empty");
  const msg = ctx.store.addMessage(rec, {
    fromBot: true, ...common(p, rec), text: f.text, entities: f.entities, entitiesOrHtml: f.html, parse_mode: str(p, "parse_mode"),
  });
  return renderMessage(msg, rec, ctx);
};

export function captioned(p: Params): Partial<FakeMessage> {
  const f = formatText(str(p, "caption"), str(p, "parse_mode"), p.caption_entities, CAPTION_LIMIT, "caption");
  return f ? { caption: f.text, entities: f.entities, entitiesOrHtml: f.html, parse_mode: str(p, "parse_mode") } : {};
}

/** A file given as URL or file_id; a multipart upload shows up as "attach://…". */
export function fileRef(v: unknown, kind: string): string {
  if (typeof v === "string" && v !== "") return v;
  if (v && typeof v === "object") return "attach://upload";
  throw badRequest(`there is no ${kind} in the request`);
}

function sendMedia(kind: MediaKind): Handler {
  return (p, ctx) => {
    const rec = targetChat(p, ctx);
    const msg = ctx.store.addMessage(rec, { fromBot: true, ...common(p, rec), ...captioned(p), [kind]: fileRef(p[kind], kind) });
    return renderMessage(msg, rec, ctx);
  };
}

const sendMediaGroup: Handler = (p, ctx) => {
  const rec = targetChat(p, ctx);
  const media = p.media;
  if (!Array.isArray(media) || media.length < 2 || media.length > 10) {
    throw badRequest("media group must contain 2-10 items");
  }
  const shared = common(p, rec);
  const groupId = `${Date.now()}${rec.nextId}`;
  // Validate everything before storing anything: Telegram sends the whole album or nothing.
  const items = media.map((m: Params) => {
    const kind = str(m, "type") as MediaKind;
    if (!["photo", "video", "document", "audio"].includes(kind)) throw badRequest(`unsupported media type "${kind}" in the group`);
    return { ...captioned(m), [kind]: fileRef(m.media, kind) };
  });
  return items.map((item) => renderMessage(
    ctx.store.addMessage(rec, { fromBot: true, ...shared, ...item, media_group_id: groupId }), rec, ctx,
  ));
};

const sendLocation: Handler = (p, ctx) => {
  const rec = targetChat(p, ctx);
  const latitude = required(num(p, "latitude"), "latitude");
  const longitude = required(num(p, "longitude"), "longitude");
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) throw badRequest("wrong location specified");
  return renderMessage(ctx.store.addMessage(rec, { fromBot: true, ...common(p, rec), location: { latitude, longitude } }), rec, ctx);
};

const sendPoll: Handler = (p, ctx) => {
  const rec = targetChat(p, ctx);
  const question = str(p, "question") ?? "";
  if (question.trim() === "") throw badRequest("poll question must be non-empty");
  if (question.length > 300) throw badRequest("poll question length must not exceed 300");
  const raw = Array.isArray(p.options) ? p.options : [];
  const texts = raw.map((o) => (typeof o === "string" ? o : String((o as Params)?.text ?? "")));
  if (texts.length < 2) throw badRequest("poll must have at least 2 option");
  if (texts.length > 12) throw badRequest("poll can't have more than 12 options");
  if (texts.some((t) => t.trim() === "")) throw badRequest("poll options must be non-empty");
  if (texts.some((t) => t.length > 100)) throw badRequest("poll options length must not exceed 100");
  const is_anonymous = bool(p, "is_anonymous") ?? true;
  if (!is_anonymous && rec.chat.type === "channel") throw badRequest("non-anonymous polls can't be sent to channel chats");
  const type = str(p, "type") === "quiz" ? "quiz" : "regular";
  const correct = num(p, "correct_option_id");
  if (type === "quiz" && (correct === undefined || correct < 0 || correct >= texts.length)) {
    throw badRequest("wrong correct option ID specified");
  }
  const poll: FakePoll = {
    id: `${5000000000000000000n + BigInt(++pollSeq)}`,
    question,
    options: texts.map((text) => ({ text, voter_count: 0 })),
    total_voter_count: 0,
    is_closed: bool(p, "is_closed") ?? false,
    is_anonymous,
    type,
    allows_multiple_answers: bool(p, "allows_multiple_answers") ?? false,
    ...(type === "quiz" ? { correct_option_id: correct } : {}),
  };
  const msg = ctx.store.addMessage(rec, { fromBot: true, ...common(p, rec), poll });
  ctx.store.polls.set(poll.id, { poll, chatId: rec.chat.id, message_id: msg.message_id, votes: new Map() });
  return renderMessage(msg, rec, ctx);
};

export const sendHandlers: Record<string, Handler> = {
  sendMessage,
  sendPhoto: sendMedia("photo"),
  sendVideo: sendMedia("video"),
  sendDocument: sendMedia("document"),
  sendAudio: sendMedia("audio"),
  sendVoice: sendMedia("voice"),
  sendAnimation: sendMedia("animation"),
  sendMediaGroup,
  sendLocation,
  sendPoll,
};
