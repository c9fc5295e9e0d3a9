// The tip's vocabulary: statuses, topics, consent choices and the limits a citizen is told about.
// Pure data, shared by the conversation, the desk, the HTTP API and the tests.

export const TIP_STATUSES = ["new", "in_progress", "accepted", "rejected", "published", "spam"] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];

/** The site's sections a citizen picks from; the last one is "other". Stored by code, shown translated. */
export const TIP_TOPICS = ["city", "incident", "roads", "utilities", "society", "other"] as const;
export type TipTopic = (typeof TIP_TOPICS)[number];

/** none: only for the newsroom's information; name: may publish with the name; anonymous: may publish without. */
export const TIP_CONSENTS = ["name", "anonymous", "none"] as const;
export type TipConsent = (typeof TIP_CONSENTS)[number];

export type AttachmentKind = "photo" | "video" | "document";

export const TIP_LIMITS = {
  /** shorter than this is rarely a story; the citizen gets a friendly hint with an example */
  textMin: 15,
  /** leaves room for the rest of the card inside Telegram's 4096 characters */
  textMax: 3000,
  placeMax: 300,
  /** Telegram albums hold at most 10 items */
  attachmentsMax: 10,
  cardMax: 4096,
} as const;

export interface TipAttachmentDraft {
  kind: AttachmentKind;
  fileId: string;
}

/** What the conversation collects; JSON-safe because it lives in the conversation's replay log. */
export interface TipDraft {
  topic: TipTopic;
  text: string;
  voiceFileId?: string;
  attachments: TipAttachmentDraft[];
  placeText?: string;
  latitude?: number;
  longitude?: number;
  contactPhone?: string;
  consent: TipConsent;
}

export const isTipStatus = (value: unknown): value is TipStatus => TIP_STATUSES.includes(value as TipStatus);
export const isTipTopic = (value: unknown): value is TipTopic => TIP_TOPICS.includes(value as TipTopic);
export const isTipConsent = (value: unknown): value is TipConsent => TIP_CONSENTS.includes(value as TipConsent);

/** Public reference shown to citizens and editors: T-1042. */
export const formatReference = (n: number): string => `T-${n}`;
export const REFERENCE_PATTERN = /\bT-(\d{1,9})\b/;

/** "T-1042" (or "t-1042") as the stored reference, or null: the whole text must be a reference. */
export function parseReference(text: string): string | null {
  const match = /^T-(\d{1,9})$/i.exec(text);
  return match ? formatReference(Number(match[1])) : null;
}
