// The bot hears at once when it is added to, removed from, or loses its rights in a chat (Telegram's
// my_chat_member update), records it for our channels and tells the editors — or, when the editors'
// group itself is lost, the admins in private.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDITOR_CHAT_ID, startTestApp, type TestApp } from "../support/app.ts";
import { trackHandling, type Settle } from "../tips/driver.ts";

const NEWS = { id: -1001000000500, type: "channel", title: "Новости Караганды", username: "karaganda_news" } as const;
const OTHER = { id: -1001000000600, type: "channel", title: "Чужой канал" } as const;
const DESK = { id: EDITOR_CHAT_ID, type: "supergroup", title: "Редакция" } as const;
const ADMIN = 5550001;
const OWNER = { id: 42, is_bot: false, first_name: "Owner" };

type Member = Record<string, unknown>;
const admin = (canPost = true): Member => ({
  status: "administrator", can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: true,
  can_manage_video_chats: false, can_restrict_members: true, can_promote_members: false, can_change_info: true,
  can_invite_users: true, can_post_stories: false, can_edit_stories: false, can_delete_stories: false,
  can_post_messages: canPost, can_edit_messages: true,
});
const member: Member = { status: "member" };
const left: Member = { status: "left" };
const kicked: Member = { status: "kicked", until_date: 0 };
const muted: Member = {
  status: "restricted", is_member: true, can_send_messages: false, can_send_audios: false, can_send_documents: false,
  can_send_photos: false, can_send_videos: false, can_send_video_notes: false, can_send_voice_notes: false, can_send_polls: false,
  can_send_other_messages: false, can_add_web_page_previews: false, can_change_info: false, can_invite_users: false,
  can_pin_messages: false, can_manage_topics: false, until_date: 0,
};

describe("the bot's own membership", () => {
  let t: TestApp;
  let settle: Settle;
  beforeAll(async () => {
    t = await startTestApp({ env: { CHANNELS: "@Karaganda_News:ru", ADMIN_IDS: String(ADMIN) } });
    settle = trackHandling(t);
    for (const chat of [NEWS, OTHER, DESK]) t.fake.addChat({ ...chat });
  });
  afterAll(() => t.close());

  async function change(chat: typeof NEWS | typeof OTHER | typeof DESK, before: Member, after: Member) {
    const bot = { id: t.fake.botInfo.id, is_bot: true, first_name: t.fake.botInfo.first_name, username: t.fake.botInfo.username };
    const mark = t.fake.calls.length;
    t.fake.pushUpdate({
      my_chat_member: {
        chat, from: OWNER, date: Math.floor(Date.now() / 1000),
        old_chat_member: { user: bot, ...before }, new_chat_member: { user: bot, ...after },
      },
    } as never);
    await settle();
    await t.app.worker.idle();
    return t.fake.calls.slice(mark).filter((c) => c.method === "sendMessage");
  }
  const to = (chatId: number, key: string, vars: Record<string, string>) => ({ chat_id: String(chatId), text: t.app.translate("ru", key, vars) });
  const channel = () => t.database.db.channel.findUniqueOrThrow({ where: { chatId: "@karaganda_news" } });
  const label = "Новости Караганды (@karaganda_news)";

  it("records a channel that removed the bot and tells the editors at once; nothing is sent there", async () => {
    const sent = await change(NEWS, admin(), left);
    expect(sent.map((c) => c.params)).toEqual([expect.objectContaining(to(EDITOR_CHAT_ID, "membership-channel-removed", { chat: label }))]);
    expect(await channel()).toMatchObject({ status: "forbidden", title: "Новости Караганды", lastError: "the bot was removed from the channel" });

    // An article now leaves the channel alone instead of knocking on its door.
    await t.api("POST", "/api/articles", { externalId: "m-1", url: "https://ekaraganda.kz/m1", title: "Пока без канала" });
    await t.app.worker.idle();
    expect(t.fake.callsTo("sendMessage").filter((c) => c.params.chat_id === "@karaganda_news")).toEqual([]);
  });

  it("makes the channel active again when the bot may post there again", async () => {
    const sent = await change(NEWS, left, admin());
    expect(sent.map((c) => c.params)).toEqual([expect.objectContaining(
      to(EDITOR_CHAT_ID, "membership-channel-back", { chat: label, language: "ru", chatId: "@karaganda_news" }))]);
    expect(await channel()).toMatchObject({ status: "active", lastError: null });
    await t.api("POST", "/api/articles", { externalId: "m-2", url: "https://ekaraganda.kz/m2", title: "Снова в канале" });
    await t.app.worker.idle();
    expect(t.fake.messages(NEWS.id).map((m) => m.text?.split("\n")[0])).toEqual(["Снова в канале"]);
  });

  it("notices a right taken away without the bot being removed", async () => {
    const sent = await change(NEWS, admin(), admin(false));
    expect(sent.map((c) => c.params)).toEqual([expect.objectContaining(to(EDITOR_CHAT_ID, "membership-channel-rights-lost", { chat: label }))]);
    expect(await channel()).toMatchObject({ status: "forbidden" });
    // A change that does not touch posting (another admin right) says nothing.
    expect(await change(NEWS, admin(false), { ...admin(false), can_delete_messages: false })).toEqual([]);
    await change(NEWS, admin(false), admin());
  });

  it("keeps a channel an editor disabled off, and says how to turn it on", async () => {
    await t.app.services.channels.disable("@karaganda_news");
    await change(NEWS, admin(), left);
    expect(await channel()).toMatchObject({ status: "disabled" });
    const sent = await change(NEWS, left, admin());
    expect(sent.map((c) => c.params)).toEqual([expect.objectContaining(
      to(EDITOR_CHAT_ID, "membership-channel-still-off", { chat: label, language: "ru", chatId: "@karaganda_news" }))]);
    expect(await channel()).toMatchObject({ status: "disabled" });
    await t.app.services.channels.add("@karaganda_news", "ru");
  });

  it("tells the editors how to use a channel the bot was just added to", async () => {
    const sent = await change(OTHER, left, admin());
    expect(sent.map((c) => c.params)).toEqual([expect.objectContaining(
      to(EDITOR_CHAT_ID, "membership-channel-unknown", { chat: `Чужой канал (${OTHER.id})`, id: String(OTHER.id) }))]);
    expect(await t.database.db.channel.count()).toBe(1);
  });

  it("tells the admins in private, not the group, when the editors' group removes or mutes the bot", async () => {
    const kickedOut = await change(DESK, member, kicked);
    expect(kickedOut.map((c) => c.params)).toEqual([
      expect.objectContaining({ chat_id: String(ADMIN), text: t.app.translate("ru", "membership-editors-removed", { chat: `Редакция (${EDITOR_CHAT_ID})` }) }),
    ]);
    expect(t.logs.find((l) => l.msg === "the bot can no longer write to the editors' group; tips wait in the store")).toMatchObject({ level: 50, event: "removed" });

    const back = await change(DESK, kicked, member);
    expect(back.map((c) => c.params)).toEqual([expect.objectContaining(to(EDITOR_CHAT_ID, "membership-editors-back", { chat: `Редакция (${EDITOR_CHAT_ID})` }))]);

    const silenced = await change(DESK, member, muted);
    expect(silenced.map((c) => c.params.chat_id)).toEqual([String(ADMIN)]);
    expect(silenced[0]!.params.text).toBe(t.app.translate("ru", "membership-editors-rights-lost", { chat: `Редакция (${EDITOR_CHAT_ID})` }));
  });
});
