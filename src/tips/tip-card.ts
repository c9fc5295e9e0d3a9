// The tip card: what editors see in their group and what the citizen sees as a preview. Pure: it takes
// translated labels and returns HTML. Everything the citizen typed is untrusted and escaped here.
import { TIP_LIMITS, type TipConsent, type TipStatus, type TipTopic } from "./tip-types.ts";
import { escapeHtml } from "../text/html.ts";
import { truncate } from "../text/truncate.ts";

export type Translate = (key: string, variables?: Record<string, string | number>) => string;

export interface CardTip {
  reference?: string;
  topic: TipTopic | string;
  text: string;
  voiceFileId?: string | null;
  attachments: ReadonlyArray<{ kind: string }>;
  placeText?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  contactPhone?: string | null;
  consent: TipConsent | string;
  language?: string;
  status?: TipStatus | string;
  /** shown only with consent "name": the citizen agreed to be named */
  authorName?: string | null;
  /** the editor who made the last decision: on the desk card only, never in the citizen's preview */
  handledBy?: string | null;
  /** for spam tips on the desk: whether the sender is still banned */
  senderBanned?: boolean;
}

export function renderTipCard(tip: CardTip, t: Translate, options: { limit?: number; heading?: string } = {}): string {
  const limit = options.limit ?? TIP_LIMITS.cardMax;
  const line = (label: string, value: string) => `<b>${escapeHtml(t(label))}</b> ${value}`;
  const head = [
    `📝 <b>${escapeHtml(options.heading ?? tip.reference ?? "")}</b>${tip.status ? ` · ${escapeHtml(t(`tip-status-${tip.status}`))}` : ""}` +
      (tip.status && tip.handledBy ? ` · ${escapeHtml(t("tip-card-by", { editor: tip.handledBy }))}` : ""),
    line("tip-card-topic", escapeHtml(t(`tip-topic-${tip.topic}`))),
  ];
  const tail: string[] = [];
  if (tip.status === "spam" && tip.senderBanned !== undefined) tail.push(escapeHtml(t(tip.senderBanned ? "tip-card-sender-banned" : "tip-card-sender-unbanned")));
  const place = placeOf(tip);
  tail.push(line("tip-card-place", place ?? escapeHtml(t("tip-card-none"))));
  if (tip.attachments.length > 0) tail.push(line("tip-card-files", String(tip.attachments.length)));
  const consent = escapeHtml(t(`tip-consent-${tip.consent}`));
  tail.push(line("tip-card-consent", tip.consent === "name" && tip.authorName ? `${consent} (${escapeHtml(tip.authorName)})` : consent));
  if (tip.contactPhone) tail.push(line("tip-card-contact", escapeHtml(tip.contactPhone)));
  if (tip.language) tail.push(line("tip-card-language", escapeHtml(tip.language)));

  const label = `<b>${escapeHtml(t("tip-card-text"))}</b>`;
  const voice = tip.voiceFileId ? escapeHtml(t("tip-card-voice")) : "";
  const frame = [...head, label, "", ...tail].join("\n");
  const body = [voice, tip.text].filter((part) => part !== "").join("\n");
  return [...head, label, fitText(body, limit - frame.length, t, limit), ...tail].join("\n");
}

/** The citizen's text, escaped, trimmed to `budget` HTML characters with a note naming the limit. */
function fitText(text: string, budget: number, t: Translate, limit: number): string {
  const escaped = escapeHtml(text);
  if (escaped.length <= budget) return escaped;
  const note = `\n${escapeHtml(t("tip-card-trimmed", { limit }))}`;
  const room = budget - note.length;
  let max = Math.max(1, room);
  // Escaping lengthens "<", ">", "&" and '"': shrink by the overshoot's ratio until the escaped text fits.
  for (;;) {
    const trimmed = escapeHtml(truncate(text, max));
    if (trimmed.length <= room || max <= 1) return trimmed + note;
    max = Math.max(1, Math.min(max - 1, Math.floor((max * room) / trimmed.length)));
  }
}

function placeOf(tip: CardTip): string | undefined {
  const parts: string[] = [];
  if (tip.placeText) parts.push(escapeHtml(tip.placeText));
  if (tip.latitude != null && tip.longitude != null) {
    const coords = `${tip.latitude.toFixed(5)}, ${tip.longitude.toFixed(5)}`;
    parts.push(`📍 <a href="https://maps.google.com/?q=${tip.latitude},${tip.longitude}">${coords}</a>`);
  }
  return parts.length > 0 ? parts.join(" ") : undefined;
}
