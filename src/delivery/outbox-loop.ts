// The scheduling shared by the outbox workers (channel posts, poll copies): find due rows, run one lane
// per chat (a chat's sends in order, one at a time) and many chats in parallel, look again when woken or
// every `idlePollMs`, and hand claims of dead processes back to `recover`. What a row means, how it is
// claimed and sent, is the worker's business.
import { randomBytes } from "node:crypto";
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";

export interface OutboxLoopOptions<Item> {
  log: Logger;
  clock: Clock;
  /** rows whose work is due now, oldest first */
  due(now: Date): Promise<Item[]>;
  /** the chat a row belongs to: rows of one lane never run at the same time */
  laneOf(item: Item): string | number;
  process(item: Item): Promise<void>;
  /** frees claims made before `before` whose token does not start with `ownPrefix` */
  recover(before: Date, ownPrefix: string): Promise<void>;
  /** SQLite is one process by construction: every claim found at start is an orphan */
  singleInstance: boolean;
  leaseMs: number;
  idlePollMs: number;
}

export interface OutboxLoop {
  /** a new claim token; tokens of this process share a prefix, so recovery never takes a live claim */
  token(): string;
  start(): Promise<void>;
  /** there may be new work: look now */
  wake(): void;
  /** lets the lanes finish their current row, then stops */
  stop(): Promise<void>;
  /** resolves when no row is due and no lane runs (tests, benchmarks) */
  idle(): Promise<void>;
}

export function createOutboxLoop<Item>(options: OutboxLoopOptions<Item>): OutboxLoop {
  const { log, clock } = options;
  const prefix = `${randomBytes(4).toString("hex")}:`;
  const lanes = new Map<string | number, Promise<void>>();
  let sequence = 0;
  let running = false;
  let ticking = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let recoveryTimer: NodeJS.Timeout | undefined;
  let idleWaiters: Array<() => void> = [];

  function runLane(lane: string | number, items: Item[]): void {
    const done = (async () => {
      for (const item of items) {
        if (!running) break;
        await options.process(item).catch((error) => log.error({ err: error }, "outbox step failed"));
      }
    })().finally(() => {
      lanes.delete(lane);
      wake();
    });
    lanes.set(lane, done);
  }

  async function tick(): Promise<void> {
    if (!running) return;
    if (ticking) {
      again = true;
      return;
    }
    ticking = true;
    let dueCount = 0;
    try {
      do {
        again = false;
        const due = await options.due(clock.now());
        dueCount = due.length;
        const byLane = new Map<string | number, Item[]>();
        for (const item of due) {
          const lane = options.laneOf(item);
          if (lanes.has(lane)) continue;
          byLane.set(lane, [...(byLane.get(lane) ?? []), item]);
        }
        for (const [lane, items] of byLane) runLane(lane, items);
      } while (again && running);
    } catch (error) {
      log.error({ err: error }, "outbox scan failed; retrying");
    } finally {
      ticking = false;
    }
    if (lanes.size === 0 && dueCount === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
    if (!running) return;
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), options.idlePollMs);
    timer.unref();
  }

  function wake(): void {
    if (running) setImmediate(() => void tick());
  }

  const recover = (before: Date) =>
    options.recover(before, prefix).catch((error) => log.error({ err: error }, "recovery of interrupted work failed"));

  return {
    token: () => `${prefix}${++sequence}`,
    async start() {
      running = true;
      const now = clock.now().getTime();
      await recover(new Date(options.singleInstance ? now + 1 : now - options.leaseMs));
      recoveryTimer = setInterval(() => void recover(new Date(clock.now().getTime() - options.leaseMs)), Math.min(options.leaseMs, 60_000));
      recoveryTimer.unref();
      await tick();
    },
    wake,
    async stop() {
      running = false;
      clearTimeout(timer);
      clearInterval(recoveryTimer);
      await Promise.allSettled([...lanes.values()]);
      idleWaiters.forEach((resolve) => resolve());
      idleWaiters = [];
    },
    idle() {
      return new Promise<void>((resolve) => {
        if (!running) return resolve();
        idleWaiters.push(resolve);
        wake();
      });
    },
  };
}
