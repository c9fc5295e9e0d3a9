// The scheduling shared by the outbox workers (channel posts, poll copies): find due rows, run one lane
// per chat (a chat's sends in order, one at a time) and many chats in parallel, look again when woken or
// every `idlePollMs`, and hand claims of dead instances back to `recover` (claim-tokens.ts). What a row
// means, how it is claimed and sent, is the worker's business.
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import { claimToken, deadClaims, type ClaimInstance } from "./claim-tokens.ts";

/**
 * How often the claims of dead instances are looked for. One indexed query on the rows being sent (and a
 * look at the members only when another instance holds claims), so it can run often: a dead instance's
 * posts go out again within a couple of seconds of its death, and three loops per instance cost a few
 * queries a second across the cluster.
 */
export const RECOVERY_INTERVAL_MS = 2000;

/**
 * Rows a lane takes per turn. After a turn the loop looks again, so rows that became due meanwhile with an
 * earlier place in line (a dead instance's posts, given back with dueAt 0) are not stuck behind a long run.
 */
const LANE_TURN = 10;

export interface OutboxLoopOptions<Item> {
  /** names the lanes' leases across instances: `<name>:<lane>` */
  name: string;
  log: Logger;
  clock: Clock;
  /** rows whose work is due now, oldest first */
  due(now: Date): Promise<Item[]>;
  /** the chat a row belongs to: rows of one lane never run at the same time, on any instance */
  laneOf(item: Item): string | number;
  process(item: Item): Promise<void>;
  /** tokens of the claims outstanding now (any instance's) */
  claims(): Promise<string[]>;
  /** frees the claims made under these tokens: their instance is dead */
  recover(deadTokens: string[]): Promise<void>;
  /** this instance: its id prefixes our tokens, its members are the instances whose claims stand */
  instance: ClaimInstance;
  idlePollMs: number;
  recoveryMs?: number;
}

export interface OutboxLoop {
  /** a new claim token, naming this instance, so recovery never takes a live instance's claim */
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
  const lanes = new Map<string | number, Promise<void>>();
  let sequence = 0;
  let running = false;
  let ticking = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let recoveryTimer: NodeJS.Timeout | undefined;
  let idleWaiters: Array<() => void> = [];
  /** lanes another instance is running, and until when we leave them alone */
  const elsewhere = new Map<string | number, number>();

  /**
   * With several instances a lane runs on one of them at a time (the lane's lease): a chat's posts keep
   * their order, and the search for a post in doubt (recovery.ts) can trust that nobody else posted in
   * the chat while the post was in flight.
   */
  async function laneLease(lane: string | number) {
    if (!options.instance.shared) return { release: async () => undefined };
    return options.instance.tryLease(`${options.name}:${lane}`).catch((error: unknown) => {
      log.warn({ lane, err: error }, "could not take a lane's lease; trying later");
      return null;
    });
  }

  function runLane(lane: string | number, items: Item[]): void {
    const done = (async () => {
      const lease = await laneLease(lane);
      if (!lease) {
        elsewhere.set(lane, Date.now() + options.idlePollMs);
        return;
      }
      try {
        for (const item of items) {
          if (!running) break;
          await options.process(item).catch((error) => log.error({ err: error }, "outbox step failed"));
        }
      } finally {
        await lease.release().catch((error: unknown) => log.warn({ lane, err: error }, "could not release a lane's lease"));
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
          if (lanes.has(lane) || (elsewhere.get(lane) ?? 0) > Date.now()) continue;
          const turn = byLane.get(lane) ?? [];
          if (turn.length < LANE_TURN) byLane.set(lane, [...turn, item]);
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

  let recovering: Promise<void> | undefined;
  const recover = (): Promise<void> => {
    recovering ??= (async () => {
      const dead = await deadClaims(await options.claims(), options.instance);
      if (dead.length > 0) {
        await options.recover(dead);
        wake();
      }
    })()
      .catch((error) => log.error({ err: error }, "recovery of interrupted work failed"))
      .finally(() => (recovering = undefined));
    return recovering;
  };

  return {
    token: () => claimToken(options.instance.id, ++sequence),
    async start() {
      running = true;
      await recover();
      recoveryTimer = setInterval(() => void recover(), options.recoveryMs ?? RECOVERY_INTERVAL_MS);
      recoveryTimer.unref();
      await tick();
    },
    wake,
    async stop() {
      running = false;
      clearTimeout(timer);
      clearInterval(recoveryTimer);
      await Promise.allSettled([...lanes.values(), recovering]);
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
