// Which status changes an editor may make. Pure, so the desk buttons and the API agree.
import type { TipStatus } from "./tip-types.ts";

const NEXT: Record<TipStatus, readonly TipStatus[]> = {
  new: ["in_progress", "accepted", "rejected", "spam"],
  in_progress: ["accepted", "rejected", "spam"],
  // Editors change their minds: a rejected tip can still be accepted, an accepted one rejected.
  accepted: ["published", "rejected", "spam"],
  rejected: ["accepted", "spam"],
  published: [],
  spam: [],
};

export function canMove(from: TipStatus, to: TipStatus): boolean {
  return NEXT[from].includes(to);
}

/** Statuses whose tipster may still write to the newsroom and get answers. */
export const OPEN_STATUSES: readonly TipStatus[] = ["new", "in_progress", "accepted"];

/** Statuses the citizen hears about, in their language. */
export const NOTIFIED_STATUSES: readonly TipStatus[] = ["accepted", "rejected", "published"];
