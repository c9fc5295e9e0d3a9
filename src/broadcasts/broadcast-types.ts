// The words of the broadcast engine. A broadcast moves queued → sending → done (or → cancelled); each of
// its recipients moves pending → sending → sent | blocked | failed | skipped, and a withdrawn alert's sent
// messages move sent → deleting → deleted.
export const BROADCAST_KINDS = ["alert", "digest", "announcement"] as const;
export type BroadcastKind = (typeof BROADCAST_KINDS)[number];

/** `draft` is an editor's announcement before confirmation; the API never shows it. */
export const BROADCAST_STATUSES = ["draft", "queued", "sending", "done", "cancelled"] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

export type RecipientState = "pending" | "sending" | "sent" | "blocked" | "failed" | "skipped" | "deleting" | "deleted" | "kept";

export interface BroadcastProgress {
  id: number;
  kind: BroadcastKind;
  status: Exclude<BroadcastStatus, "draft">;
  total: number;
  sent: number;
  blocked: number;
  failed: number;
  /** not sent: cancelled before their turn, or (digests) nothing new for them */
  skipped: number;
  /** withdrawn alerts: messages deleted */
  deleted: number;
  pending: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export class BroadcastNotFoundError extends Error {
  override name = "BroadcastNotFoundError";
  constructor(readonly id: number | string) {
    super(`no broadcast ${id}`);
  }
}

export class BroadcastStateError extends Error {
  override name = "BroadcastStateError";
  constructor(readonly id: number, readonly status: string, action: string) {
    super(`broadcast ${id} is ${status}: cannot ${action}`);
  }
}
