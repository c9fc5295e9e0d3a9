// What a `my_chat_member` update means for the bot in a chat. Pure: Telegram's ChatMember in, one of four
// events out. Telegram sends this update whenever the bot's own status in a chat changes — added, made
// an admin, its rights edited, removed — so the bot knows at once, not at the next refused post.
import type { ChatMember } from "grammy/types";

/** added: now present and able to post; removed: gone; rights-lost / rights-restored: still there. */
export type MembershipEvent = "added" | "removed" | "rights-lost" | "rights-restored";

/** In the chat at all (a restricted member may have been removed while restricted). */
function isPresent(member: ChatMember): boolean {
  if (member.status === "restricted") return member.is_member;
  return member.status !== "left" && member.status !== "kicked";
}

/** Whether the bot may send messages there: in a channel only an administrator with "Post messages". */
export function canPost(member: ChatMember, chatType: string): boolean {
  switch (member.status) {
    case "creator":
      return true;
    case "administrator":
      return chatType === "channel" ? member.can_post_messages === true : true;
    case "member":
      return chatType !== "channel";
    case "restricted":
      return member.is_member && member.can_send_messages;
    default:
      return false;
  }
}

export function membershipEvent(chatType: string, before: ChatMember, after: ChatMember): MembershipEvent | null {
  const was = isPresent(before);
  const is = isPresent(after);
  if (!is) return was ? "removed" : null;
  const could = was && canPost(before, chatType);
  const can = canPost(after, chatType);
  if (can === could) return null;
  if (can) return was ? "rights-restored" : "added";
  // Added without the right to post, or the right taken away: either way nothing can be posted there.
  return "rights-lost";
}
