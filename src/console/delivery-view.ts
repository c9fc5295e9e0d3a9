// Where a post is in Telegram, as an editor needs to see it: one state word per channel, the reason when
// something is wrong, and a link to the message. Pure, from the stored rows and the clock.
import type { Channel, Delivery } from "../db/generated/sqlite/client.ts";

export type ConsoleDeliveryState =
  | "sent" | "scheduled" | "rate-limited" | "failed" | "uncertain" | "queued" | "channel-blocked" | "withdrawn";

/** t.me/<username>/<id> for public channels, t.me/c/<internal id>/<id> for private ones (-100…). */
export function messageLink(chatId: string, messageId: number | null): string | null {
  if (messageId === null || messageId <= 0) return null;
  if (chatId.startsWith("@")) return `https://t.me/${chatId.slice(1)}/${messageId}`;
  const internal = /^-100(\d+)$/.exec(chatId);
  return internal ? `https://t.me/c/${internal[1]}/${messageId}` : null;
}

export function consoleDeliveryState(d: Delivery & { channel: Channel }, article: { publishAt: Date | null }, now: Date): ConsoleDeliveryState {
  if (d.state === "failed") return "failed";
  if (d.state === "withdrawn") return "withdrawn";
  if (d.state === "sent") return "sent";
  if (d.uncertain) return "uncertain";
  if (d.channel.status !== "active") return "channel-blocked";
  if (d.state === "pending" && d.lastError?.startsWith("429") && d.dueAt > now) return "rate-limited";
  if (d.state === "pending" && d.action === "post" && article.publishAt && article.publishAt > now) return "scheduled";
  return "queued";
}

export function deliveryView(d: Delivery & { channel: Channel }, article: { publishAt: Date | null }, now: Date) {
  return {
    id: d.id,
    channel: { chatId: d.channel.chatId, title: d.channel.title, language: d.channel.language, status: d.channel.status },
    state: consoleDeliveryState(d, article, now),
    action: d.state === "pending" || d.state === "sending" ? d.action : null,
    link: d.state === "sent" || d.state === "pending" ? messageLink(d.channel.chatId, d.messageId) : null,
    error: d.lastError ?? (d.channel.status !== "active" ? d.channel.lastError : null),
    attempts: d.attempts,
    dueAt: d.state === "pending" ? d.dueAt : null,
    sentAt: d.sentAt,
  };
}
