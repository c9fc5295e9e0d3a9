// Which `poll` update of a copy is the newest. Telegram numbers a bot's updates: "update identifiers start
// from a certain positive number and increase sequentially" (Bot API, Update), so the update_id orders the
// states of one poll — a retraction lowers the totals and is still newer. Decision record 005 has the rest.
import { FINAL_VERSION } from "./poll-repository.ts";

export interface VoteState {
  counts: number[];
  totalVoters: number;
  /** update_id of the update the counts came from; FINAL_VERSION once Telegram closed the poll; 0 = none yet */
  version: number;
  /** when the stored counts were last written (the row's updatedAt, or later); unknown for states in flight */
  writtenAt?: Date;
}

/**
 * After a week without updates Telegram starts numbering again at a random id, which may be lower. An
 * update is never delivered more than 24 hours late (Telegram drops undelivered updates after that), so
 * a lower id over counts written longer ago than this cannot be a late or repeated one: it is a new series.
 */
export const ID_RESTART_AFTER_MS = 48 * 3_600_000;

const sameTotals = (a: VoteState, b: VoteState) =>
  a.totalVoters === b.totalVoters && a.counts.length === b.counts.length && a.counts.every((count, i) => count === b.counts[i]);

/**
 * Whether `incoming` should replace `stored`. A closed poll's final numbers replace anything, and nothing
 * but final numbers replaces them. Otherwise the higher update_id wins, whichever way the totals moved:
 * a duplicate has the same id and a late arrival a lower one, so neither moves the totals back.
 */
export function isNewer(stored: VoteState, incoming: VoteState & { closed: boolean }, now?: Date): boolean {
  if (incoming.closed) return stored.version !== FINAL_VERSION || !sameTotals(stored, incoming);
  if (stored.version === FINAL_VERSION) return false;
  if (incoming.version > stored.version) return true;
  return incoming.version < stored.version && now !== undefined && stored.writtenAt !== undefined
    && now.getTime() - stored.writtenAt.getTime() > ID_RESTART_AFTER_MS;
}
