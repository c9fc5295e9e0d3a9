// Group commit for recipients' outcomes. Each send's answer joins the next write; the writes run one after
// another, each taking everything that arrived meanwhile. A sender waits for its answer to be written before
// it takes another reader, so "Telegram has it, the store does not know" never covers more than the sends
// in flight. A failed write is tried again: losing it would mean writing to those readers twice.
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import type { BroadcastRepository } from "./broadcast-repository.ts";

type Batch = Parameters<BroadcastRepository["record"]>[1];
export type OutcomeKind = keyof Batch;
type OutcomeOf<K extends OutcomeKind> = Batch[K][number];

const empty = (): Batch => ({ sent: [], blocked: [], failed: [], retry: [], skipped: [], deleted: [], undeletable: [] });
const size = (batch: Batch) => Object.values(batch).reduce((sum, rows) => sum + rows.length, 0);

export interface Recorder {
  /** resolves once the outcome is in the store */
  add<K extends OutcomeKind>(kind: K, outcome: OutcomeOf<K>): Promise<void>;
  /** resolves when everything added so far is written */
  flush(): Promise<void>;
}

export function createRecorder(deps: {
  repo: BroadcastRepository; clock: Clock; log: Logger; retryMs?: number;
  /** a write waits up to this long for company (each write costs the same whether it records 1 row or 50) … */
  gatherMs?: number;
  /** … unless this many outcomes are already waiting */
  gatherRows?: number;
}): Recorder {
  const gatherMs = deps.gatherMs ?? 5;
  const gatherRows = deps.gatherRows ?? 32;
  let timer: NodeJS.Timeout | undefined;
  let batch = empty();
  let waiters: Array<() => void> = [];
  let writing: Promise<void> | null = null;

  async function writeAll(): Promise<void> {
    while (size(batch) > 0) {
      const current = batch;
      const done = waiters;
      batch = empty();
      waiters = [];
      for (let attempt = 1; ; attempt++) {
        try {
          await deps.repo.record(deps.clock.now(), current);
          break;
        } catch (error) {
          deps.log.error({ err: error, attempt, rows: size(current) }, "could not record broadcast outcomes; trying again");
          await new Promise((resolve) => setTimeout(resolve, Math.min(5000, (deps.retryMs ?? 200) * attempt)));
        }
      }
      done.forEach((resolve) => resolve());
    }
  }

  function kick(now = false): void {
    if (writing) return;
    if (!now && size(batch) < gatherRows) {
      timer ??= setTimeout(() => kick(true), gatherMs);
      return;
    }
    clearTimeout(timer);
    timer = undefined;
    writing = writeAll().finally(() => {
      writing = null;
      if (size(batch) > 0) kick();
    });
  }

  return {
    add(kind, outcome) {
      (batch[kind] as Array<typeof outcome>).push(outcome);
      const written = new Promise<void>((resolve) => waiters.push(resolve));
      kick();
      return written;
    },
    async flush() {
      while (writing || size(batch) > 0) {
        kick(true);
        await writing;
      }
    },
  };
}
