/**
 * What the fake remembers about chats: their info, the per-chat message id sequence
 * (shared by bot and user messages, as in Telegram), every message and every poll.
 * Messages are kept in arrays + maps so that lookups are O(1) even after 50,000 sends.
 */
import { badRequest } from "./errors.ts";
import type { TextEntity } from "./html.ts";

export type ChatType = "private" | "group" | "supergroup" | "channel";

export interface FakeChat {
  id: number;
  type: ChatType;
  title?: string;
  username?: string;
  first_name?: string;
  language_code?: string;
  /** Chats with history: the first message the fake creates gets `lastMessageId + 1`. */
  lastMessageId?: number;
}

export interface FakePollOption { text: string; voter_count: number }
export interface FakePoll {
  id: string;
  question: string;
  options: FakePollOption[];
  total_voter_count: number;
  is_closed: boolean;
  is_anonymous: boolean;
  type: "regular" | "quiz";
  allows_multiple_answers: boolean;
  correct_option_id?: number;
}

export interface FakeMessage {
  chatId: number | string;
  message_id: number;
  date: number;
  text?: string;
  caption?: string;
  entities?: TextEntity[]; // entities of text or caption, as Telegram would return them
  entitiesOrHtml?: string; // the raw html as sent
  parse_mode?: string;
  photo?: string;
  video?: string;
  document?: string;
  audio?: string;
  voice?: string;
  animation?: string;
  location?: { latitude: number; longitude: number };
  poll?: FakePoll;
  reply_markup?: unknown;
  link_preview_options?: unknown;
  disable_notification?: boolean;
  reply_to_message_id?: number;
  message_thread_id?: number;
  media_group_id?: string;
  deleted: boolean;
  edits: number;
  fromBot: boolean;
  pinned?: boolean;
  /** Set by forwardMessage: where the content came from. */
  forwardedFrom?: { chatId: number; message_id: number; date: number };
  /** For messages pushed by users: the Telegram `Message` exactly as it was put into the update. */
  raw?: Record<string, unknown>;
}

export interface ChatRecord {
  chat: FakeChat;
  nextId: number;
  byId: Map<number, FakeMessage>;
  order: FakeMessage[];
  blocked: boolean;
  /** a private chat whose user deleted their account */
  deactivated: boolean;
  left: boolean;
  migratedTo?: number;
  members: Map<number, string>; // user id → status, for getChatMember
}

/** Injectable time: message dates and the 48h delete limit read it. */
export class Clock {
  private offsetMs = 0;
  now(): number { return Date.now() + this.offsetMs; }
  advance(ms: number): void { this.offsetMs += ms; }
  unixSeconds(): number { return Math.floor(this.now() / 1000); }
}

/** "123" and 123 are the same chat; "@Name" is looked up by username. */
export function normalizeChatId(v: unknown): number | string | undefined {
  if (typeof v === "number") return v;
  if (typeof v !== "string" || v === "") return undefined;
  if (/^-?\d+$/.test(v)) return Number(v);
  return v.toLowerCase();
}

export class ChatStore {
  autoChats = true;
  private readonly chats = new Map<number, ChatRecord>();
  private readonly byUsername = new Map<string, number>();
  private syntheticId = -1009000000000; // ids for "@username" chats met in auto mode
  readonly polls = new Map<string, { poll: FakePoll; chatId: number; message_id: number; votes: Map<number, number[]> }>();

  constructor(readonly clock: Clock) {}

  add(chat: FakeChat): ChatRecord {
    const existing = this.chats.get(chat.id);
    const rec: ChatRecord = existing ?? {
      chat, nextId: 1, byId: new Map(), order: [], blocked: false, deactivated: false, left: false, members: new Map(),
    };
    rec.chat = { ...rec.chat, ...chat };
    if (chat.lastMessageId !== undefined) rec.nextId = Math.max(rec.nextId, chat.lastMessageId + 1);
    this.chats.set(chat.id, rec);
    if (chat.username) this.byUsername.set(`@${chat.username.replace(/^@/, "").toLowerCase()}`, chat.id);
    return rec;
  }

  /** No side effects: undefined for an unknown chat. */
  find(chatId: unknown): ChatRecord | undefined {
    const id = normalizeChatId(chatId);
    if (typeof id === "number") return this.chats.get(id);
    const numeric = id === undefined ? undefined : this.byUsername.get(id);
    return numeric === undefined ? undefined : this.chats.get(numeric);
  }

  /** The chat a method targets; unknown chats are created in auto mode, else "chat not found". */
  resolve(chatId: unknown, create = this.autoChats): ChatRecord {
    const found = this.find(chatId);
    if (found) return found;
    const id = normalizeChatId(chatId);
    if (id === undefined) throw badRequest("chat_id is empty");
    if (!create) throw badRequest("chat not found");
    if (typeof id === "string") {
      return this.add({ id: this.syntheticId--, type: "channel", username: id.slice(1), title: id });
    }
    // Guess like a reader of the id would: users are positive, "-100…" are channels, the rest groups.
    const type: ChatType = id > 0 ? "private" : id <= -1e12 ? "channel" : "group";
    return this.add(type === "private" ? { id, type, first_name: `User ${id}` } : { id, type, title: `Chat ${id}` });
  }

  addMessage(rec: ChatRecord, fields: Partial<FakeMessage> & { fromBot: boolean }): FakeMessage {
    const msg: FakeMessage = {
      chatId: rec.chat.id, message_id: rec.nextId++, date: this.clock.unixSeconds(),
      deleted: false, edits: 0, ...fields,
    };
    rec.byId.set(msg.message_id, msg);
    rec.order.push(msg);
    return msg;
  }

  /** A message that exists and is not deleted, or undefined. */
  liveMessage(chatId: unknown, messageId: unknown): FakeMessage | undefined {
    const msg = this.find(chatId)?.byId.get(Number(messageId));
    return msg && !msg.deleted ? msg : undefined;
  }

  all(): IterableIterator<ChatRecord> { return this.chats.values(); }

  clear(): void {
    this.chats.clear();
    this.byUsername.clear();
    this.polls.clear();
  }
}

/** Public shape of a chat, as it appears inside a Message. */
export function chatObject(chat: FakeChat): Record<string, unknown> {
  const { id, type, title, username, first_name } = chat;
  return Object.fromEntries(Object.entries({ id, type, title, username, first_name }).filter(([, v]) => v !== undefined));
}
