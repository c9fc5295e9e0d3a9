// Every job once per tick across instances: three schedulers, each with its own cluster membership (its
// own control connection), on one PostgreSQL database, firing the same ticks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCluster, type Cluster } from "../../src/cluster/cluster.ts";
import { createLogger } from "../../src/logger.ts";
import { createJobRuns } from "../../src/scheduler/job-runs.ts";
import { startScheduler, type Job, type Scheduler } from "../../src/scheduler/start-scheduler.ts";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/database.ts";

const postgres = testProvider === "postgresql";
if (!postgres) console.info("test/cluster/jobs.test.ts: PostgreSQL only — several instances share one PostgreSQL; SQLite is one process");

const logger = createLogger({ level: "silent" });
const minute = (n: number) => new Date(Date.UTC(2026, 11, 3, 12, n));

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe.skipIf(!postgres)("scheduled jobs on several instances (PostgreSQL only: instances share one PostgreSQL)", () => {
  let database: TestDatabase;
  const clusters: Cluster[] = [];
  let schedulers: Scheduler[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(schedulers.map((s) => s.stop()));
    await Promise.all(clusters.map((c) => c.close()));
    await database.destroy();
  });

  async function instances(jobs: (instance: number) => Job[]): Promise<Scheduler[]> {
    const fresh = await Promise.all([0, 1, 2].map(() => createCluster({ url: database.url, provider: "postgresql", logger })));
    clusters.push(...fresh);
    const started = fresh.map((cluster, i) =>
      startScheduler({ jobs: jobs(i), logger, timezone: "UTC", cluster, runs: createJobRuns(database.db) }));
    schedulers.push(...started);
    return started;
  }

  it("runs a tick fired on three instances exactly once, and the next tick once again", async () => {
    const runs: Array<{ instance: number }> = [];
    const all = await instances((instance) => [{ name: "count-once", schedule: "0 0 1 1 *", run: async () => void runs.push({ instance }) }]);
    const first = await Promise.all(all.map((s) => s.fire("count-once", minute(1))));
    expect(first.filter((r) => r === "ran")).toHaveLength(1);
    expect(runs).toHaveLength(1);
    const second = await Promise.all(all.map((s) => s.fire("count-once", minute(2))));
    expect(second.filter((r) => r === "ran")).toHaveLength(1);
    expect(runs).toHaveLength(2);
    // A late instance firing an old tick finds it done.
    expect(await all[2]!.fire("count-once", minute(1))).toBe("skipped");
    expect(runs).toHaveLength(2);
    const ledger = await database.db.jobRun.findMany({ where: { name: "count-once" }, orderBy: { tick: "asc" } });
    expect(ledger.map((row) => row.tick.toISOString())).toEqual([minute(1).toISOString(), minute(2).toISOString()]);
  });

  it("runs a real cron schedule once per tick across three instances", async () => {
    const ticks: number[] = [];
    const all = await instances(() => [{ name: "every-second", schedule: "* * * * * *", run: async () => void ticks.push(Date.now()) }]);
    const until = Date.now() + 3500;
    while (Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    await Promise.all(all.map((s) => s.stop()));
    const rows = await database.db.jobRun.findMany({ where: { name: "every-second" } });
    expect(rows.length).toBeGreaterThanOrEqual(3);
    // One run per tick row: no tick ran on two instances.
    expect(ticks).toHaveLength(rows.length);
    expect(new Set(rows.map((row) => row.instance)).size).toBeGreaterThanOrEqual(1);
  });

  it("does not start a job on another instance while one instance still runs it", async () => {
    const gate = deferred();
    let started = 0;
    const all = await instances(() => [{ name: "slow", schedule: "0 0 1 1 *", run: async () => {
      started++;
      await gate.promise;
    } }]);
    const holder = all[0]!.fire("slow", minute(10));
    await expect.poll(() => started).toBe(1);
    // The next tick on the others: the job is still running on the first instance.
    expect(await all[1]!.fire("slow", minute(11))).toBe("skipped");
    expect(await all[2]!.fire("slow", minute(11))).toBe("skipped");
    expect(started).toBe(1);
    gate.resolve();
    expect(await holder).toBe("ran");
    expect(await all[1]!.fire("slow", minute(12))).toBe("ran");
    expect(started).toBe(2);
  });

  it("hands the job to another instance on the next tick when the instance running it dies", async () => {
    let started = 0;
    const all = await instances(() => [{ name: "stuck", schedule: "0 0 1 1 *", run: async () => {
      started++;
      // The first run never ends: its instance dies in the middle of it.
      if (started === 1) await new Promise(() => undefined);
    } }]);
    const dying = clusters.at(-3)!;
    void all[0]!.fire("stuck", minute(20));
    await expect.poll(() => started).toBe(1);
    expect(await all[1]!.fire("stuck", minute(21))).toBe("skipped");
    // Its control connection drops (as when the process is killed): PostgreSQL frees its lease.
    await dying.close();
    await expect.poll(() => all[1]!.fire("stuck", minute(22)), { timeout: 5000 }).toBe("ran");
    expect(started).toBe(2);
    schedulers = schedulers.filter((s) => s !== all[0]);
  });
});
