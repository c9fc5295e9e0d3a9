// Drives tips as people do: citizens in their private chats, editors in the editors' group. `settle()`
// waits until the bot has fetched every pushed update (the fake's idle) and finished handling each one
// (the runner confirms offsets before handlers finish, so idle alone is not enough), and — unless told
// not to — until the tip cards started meanwhile are posted (they go out after the citizen's answer).
import type { TestApp } from "../support/app.ts";
import { EDITOR_CHAT_ID } from "../support/app.ts";
import type { FakeMessage, FakeUser } from "../support/fake-telegram/index.ts";

export function trackHandling(t: TestApp, options: { waitForDesk?: boolean } = {}) {
  const bot = t.app.bot;
  const original = bot.handleUpdate.bind(bot);
  let inFlight = 0;
  let waiters: Array<() => void> = [];
  bot.handleUpdate = async (...args) => {
    inFlight++;
    try {
      return await original(...args);
    } finally {
      if (--inFlight === 0) {
        const ready = waiters;
        waiters = [];
        for (const w of ready) w();
      }
    }
  };
  return async function settle(): Promise<void> {
    for (;;) {
      await t.fake.waitForIdle({ timeoutMs: 20_000 });
      if (inFlight === 0) {
        if (options.waitForDesk === false) return;
        await t.app.services.tips.whenDeskIdle();
        if (inFlight === 0) return;
        continue;
      }
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
}

export type Settle = () => Promise<void>;

const buttonsOf = (m: FakeMessage): Array<{ text: string; callback_data?: string }> =>
  ((m.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> } | undefined)?.inline_keyboard ?? []).flat();

/** The newest bot message in `chatId` that carries a button with this callback data. */
export function messageWithButton(t: TestApp, chatId: number, data: string): FakeMessage {
  const found = t.fake.messages(chatId).filter((m) => buttonsOf(m).some((b) => b.callback_data === data)).at(-1);
  if (!found) throw new Error(`no message with button ${data} in chat ${chatId}; bot said:\n${t.fake.messages(chatId).map((m) => m.text ?? m.caption).join("\n")}`);
  return found;
}

export class Citizen {
  readonly user: FakeUser;
  constructor(private t: TestApp, readonly settle: Settle, readonly id: number, readonly languageCode = "ru") {
    this.user = t.fake.user({ id, first_name: `Citizen${id}`, language_code: languageCode });
  }
  use(t: TestApp, settle: Settle): Citizen {
    return new Citizen(t, settle, this.id, this.languageCode);
  }
  /** Texts of the bot's messages to this citizen, oldest first. */
  said(): string[] {
    return this.t.fake.messages(this.id).map((m) => m.text ?? m.caption ?? "");
  }
  lastSaid(): string {
    return this.said().at(-1) ?? "";
  }
  async text(text: string, opts?: { replyTo?: number }) {
    this.user.sendText(text, opts);
    await this.settle();
  }
  async press(data: string) {
    this.user.press(messageWithButton(this.t, this.id, data), data);
    await this.settle();
  }
  async album(count: number, group: string, kind: "photo" | "video" = "photo") {
    for (let i = 0; i < count; i++) {
      if (kind === "photo") this.user.sendPhoto({ mediaGroupId: group, fileId: `${group}-photo-${i}` });
      else this.user.sendVideo({ mediaGroupId: group, fileId: `${group}-video-${i}` });
    }
    await this.settle();
  }
  async location(lat = 49.80, lon = 73.10) {
    this.user.sendLocation(lat, lon);
    await this.settle();
  }
  async ownContact(phone: string) {
    this.user.sendContact(phone, { user_id: this.id });
    await this.settle();
  }
}

export const TIP_TEXT = "С утра нет воды в домах 12–18 по проспекту Бухар-Жырау <b>&</b>";

/** A whole tip, as a citizen on a phone sends it: topic, text, an album, a location, the phone, consent, Send. */
export async function sendFullTip(c: Citizen, o: { photos?: number; phone?: string; consent?: string; text?: string } = {}) {
  await c.text("/tip");
  await c.press("tipc:topic:utilities");
  await c.text(o.text ?? TIP_TEXT);
  if (o.photos ?? 3) await c.album(o.photos ?? 3, `album-${c.id}`);
  await c.press(o.photos === 0 ? "tipc:media:skip" : "tipc:media:done");
  await c.location();
  await c.ownContact(o.phone ?? "+77011234567");
  await c.press(`tipc:consent:${o.consent ?? "anonymous"}`);
  await c.press("tipc:preview:send");
}

/** Bot messages in the editors' group. */
export const desk = (t: TestApp) => t.fake.messages(EDITOR_CHAT_ID);
export { EDITOR_CHAT_ID };
