/**
 * Factories for what people do: a user's messages take their ids from the chat's own
 * sequence (interleaved with the bot's, as in Telegram), button presses carry the bot's
 * message as the bot last rendered it, and poll updates carry explicit totals so tests can
 * replay them out of order.
 */
import { chatObject, normalizeChatId, type ChatStore, type FakeChat, type FakeMessage, type FakePoll } from "./chat-state.ts";
import type { TextEntity } from "./html.ts";

export interface UserChat { id: number; type: string; title?: string; username?: string }
interface SendOpts { chat?: UserChat; replyTo?: number }
interface MediaOpts extends SendOpts { caption?: string; mediaGroupId?: string; fileId?: string }

export interface FakeUser {
  id: number;
  /** Telegram's `User` object for this person. */
  readonly info: Record<string, unknown>;
  sendText(text: string, opts?: SendOpts & { entities?: unknown[] }): number;
  sendPhoto(opts?: MediaOpts): number;
  sendVideo(opts?: MediaOpts): number;
  sendDocument(opts?: MediaOpts & { fileName?: string; mimeType?: string }): number;
  sendVoice(opts?: MediaOpts): number;
  sendSticker(opts?: SendOpts & { fileId?: string; emoji?: string }): number;
  sendLocation(latitude: number, longitude: number, opts?: SendOpts): number;
  sendContact(phone: string, opts?: SendOpts & { first_name?: string; user_id?: number }): number;
  press(message: FakeMessage | { chatId: number | string; message_id: number }, callbackData: string): number;
}

export interface UserDeps {
  store: ChatStore;
  push: (update: Record<string, unknown>) => number;
  /** The bot's message as a Telegram `Message` (for callback queries). */
  render: (chatId: number | string, messageId: number) => Record<string, unknown> | undefined;
}

let fileSeq = 0;
let callbackSeq = 0;
const fileId = (kind: string, given?: string) => given ?? `user-${kind}-${++fileSeq}`;

export function createUser(
  opts: { id: number; first_name?: string; language_code?: string; username?: string; last_name?: string },
  deps: UserDeps,
): FakeUser {
  const info: Record<string, unknown> = { id: opts.id, is_bot: false, first_name: opts.first_name ?? `User${opts.id}` };
  if (opts.last_name) info.last_name = opts.last_name;
  if (opts.username) info.username = opts.username;
  if (opts.language_code) info.language_code = opts.language_code;

  /** Stores the message in its chat (so ids interleave with the bot's) and pushes the update. */
  const send = (o: SendOpts | undefined, content: Record<string, unknown>, copy: Partial<FakeMessage>): number => {
    const chat: FakeChat = o?.chat
      ? ({ ...o.chat } as FakeChat)
      : { id: opts.id, type: "private", first_name: info.first_name as string, username: opts.username };
    const rec = deps.store.find(chat.id) ?? deps.store.add(chat);
    const msg = deps.store.addMessage(rec, { fromBot: false, ...copy, reply_to_message_id: o?.replyTo });
    const raw: Record<string, unknown> = { message_id: msg.message_id, from: info, chat: chatObject(rec.chat), date: msg.date, ...content };
    if (o?.replyTo !== undefined) {
      const replied = deps.render(rec.chat.id, o.replyTo);
      if (replied) raw.reply_to_message = replied;
    }
    msg.raw = raw;
    return deps.push({ message: raw });
  };

  const media = (kind: string, o: MediaOpts | undefined, object: Record<string, unknown>) => {
    const id = fileId(kind, o?.fileId);
    const file = { file_id: id, file_unique_id: `u-${id}`, file_size: 2048, ...object };
    const content: Record<string, unknown> = { [kind]: kind === "photo" ? [{ ...file, width: 90, height: 90 }, { ...file, width: 1280, height: 960 }] : file };
    if (o?.caption !== undefined) content.caption = o.caption;
    if (o?.mediaGroupId) content.media_group_id = o.mediaGroupId;
    return send(o, content, { [kind]: id, caption: o?.caption, media_group_id: o?.mediaGroupId });
  };

  return {
    id: opts.id,
    info,
    sendText(text, o) {
      const entities: TextEntity[] = [];
      const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
      if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
      entities.push(...((o?.entities ?? []) as TextEntity[]));
      const content: Record<string, unknown> = { text };
      if (entities.length) content.entities = entities;
      return send(o, content, { text, entities: entities.length ? entities : undefined });
    },
    sendPhoto: (o) => media("photo", o, {}),
    sendVideo: (o) => media("video", o, { width: 1280, height: 720, duration: 12, mime_type: "video/mp4" }),
    sendDocument: (o) => media("document", o, { file_name: o?.fileName ?? "tip.pdf", mime_type: o?.mimeType ?? "application/pdf" }),
    sendVoice: (o) => media("voice", o, { duration: 5, mime_type: "audio/ogg" }),
    sendSticker(o) {
      const id = fileId("sticker", o?.fileId);
      const sticker = { file_id: id, file_unique_id: `u-${id}`, type: "regular", width: 512, height: 512, is_animated: false, is_video: false, emoji: o?.emoji ?? "👍" };
      return send(o, { sticker }, {});
    },
    sendLocation: (latitude, longitude, o) => send(o, { location: { latitude, longitude } }, { location: { latitude, longitude } }),
    sendContact(phone, o) {
      const contact: Record<string, unknown> = { phone_number: phone, first_name: o?.first_name ?? (info.first_name as string) };
      if (o?.user_id !== undefined) contact.user_id = o.user_id;
      return send(o, { contact }, {});
    },
    press(message, callbackData) {
      const chatId = normalizeChatId(message.chatId) ?? message.chatId;
      const rendered = deps.render(chatId, message.message_id);
      if (!rendered) throw new Error(`fake Telegram: press() on unknown message ${message.message_id} in chat ${String(chatId)}`);
      return deps.push({
        callback_query: {
          id: `${opts.id}${++callbackSeq}`,
          from: info,
          message: rendered,
          chat_instance: `ci${String(chatId)}`,
          data: callbackData,
        },
      });
    },
  };
}

/** A `poll` update with the totals given (Telegram sends the full state, not a delta). */
export function pollUpdateOf(poll: FakePoll, counts: number[], closed?: boolean): Record<string, unknown> {
  poll.options.forEach((o, i) => { o.voter_count = counts[i] ?? 0; });
  poll.total_voter_count = counts.reduce((a, b) => a + b, 0);
  if (closed !== undefined) poll.is_closed = closed;
  return { poll: structuredClone(poll) };
}
