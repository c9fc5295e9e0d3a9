// Cron jobs (feed polling, closing polls, digests, the tip-card sweep…). A job never overlaps itself, and a
// failure is logged with the job's name and does not stop the schedule.
//
// With several instances (decision 010) every instance keeps the same schedule and each tick runs on one
// of them: an instance takes the job's lease (`job:<name>`, held while the job runs, so a job still running
// somewhere is not started again elsewhere, and dropped by PostgreSQL if that instance dies), then writes
// the tick into JobRun; only the instance whose row went in runs it. The lease alone is not enough: an
// instance whose timer fires a moment late would find the lease free again and run the tick a second time.
// On SQLite the instance is alone: the in-process guard already runs each tick once, and no JobRun row is
// written (a restart within the minute would otherwise find its start-up run "already done").
import cron from "node-cron";
import type { Logger } from "../logger.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { JobRuns } from "./job-runs.ts";

export interface Job {
  name: string;
  /** a cron expression, evaluated in the newsroom's time zone */
  schedule: string;
  run: () => Promise<void>;
  /** run once right at start too (e.g. close polls whose time passed while we were down) */
  runAtStart?: boolean;
}

export interface Scheduler {
  stop(): Promise<void>;
  /** when a job runs next (the console shows feeds' next poll) */
  nextRun(name: string): Date | null;
  /**
   * Fires one tick of a job as the cron would (tests): "ran" here, or "skipped" because it runs or ran
   * elsewhere (or is still running here).
   */
  fire(name: string, tick: Date): Promise<"ran" | "skipped">;
}

export interface SchedulerDeps {
  jobs: Job[];
  logger: Logger;
  timezone: string;
  cluster: Pick<Cluster, "id" | "shared" | "tryLease">;
  /** the tick ledger; required when the cluster is shared */
  runs?: JobRuns;
}

const PRUNE_EVERY_MS = 6 * 3_600_000;

const floorTo = (date: Date, ms: number) => new Date(Math.floor(date.getTime() / ms) * ms);

export function startScheduler(deps: SchedulerDeps): Scheduler {
  const running = new Map<string, Promise<"ran" | "skipped">>();
  const log = deps.logger.child({ component: "scheduler", instance: deps.cluster.id });
  const { cluster } = deps;
  if (cluster.shared && !deps.runs) throw new Error("several instances need the JobRun ledger");
  let prunedAt = 0;

  /** Whether this instance runs the tick: the job's lease, then the tick's row. Returns the lease. */
  async function elect(job: Job, tick: Date) {
    const lease = await cluster.tryLease(`job:${job.name}`);
    if (!lease || !cluster.shared) return lease;
    try {
      if (await deps.runs!.claim(job.name, tick, cluster.id)) return lease;
    } catch (error) {
      await lease.release();
      throw error;
    }
    await lease.release();
    return null;
  }

  async function runTick(job: Job, tick: Date): Promise<"ran" | "skipped"> {
    const lease = await elect(job, tick).catch((error: unknown) => {
      log.error({ job: job.name, err: error }, "could not take the job's tick; skipped");
      return null;
    });
    if (!lease) {
      log.debug({ job: job.name, tick }, "tick taken by another instance");
      return "skipped";
    }
    const started = Date.now();
    try {
      await job.run();
      log.debug({ job: job.name, ms: Date.now() - started }, "job done");
    } catch (error) {
      log.error({ job: job.name, err: error }, "job failed");
    } finally {
      await lease.release().catch((error: unknown) => log.warn({ job: job.name, err: error }, "could not release the job's lease"));
    }
    if (deps.runs && Date.now() - prunedAt > PRUNE_EVERY_MS) {
      prunedAt = Date.now();
      void deps.runs.prune(new Date()).catch((error: unknown) => log.warn({ err: error }, "could not prune old job ticks"));
    }
    return "ran";
  }

  const fire = (job: Job, tick: Date): Promise<"ran" | "skipped"> => {
    // Never overlap a job with itself here; elsewhere the lease sees to it.
    if (running.has(job.name)) return Promise.resolve("skipped");
    const run = runTick(job, tick).finally(() => running.delete(job.name));
    running.set(job.name, run);
    return run;
  };

  // node-cron hands over the tick's planned time (a whole minute, or second for a six-field expression),
  // the same on every instance however late its timer fired. A start-up run counts as its minute's tick.
  const tasks = deps.jobs.map((job) =>
    cron.schedule(job.schedule, (context) => void fire(job, floorTo(context.date, 1000)), { timezone: deps.timezone, name: job.name }));
  const startMinute = floorTo(new Date(), 60_000);
  for (const job of deps.jobs) if (job.runAtStart) void fire(job, startMinute);

  return {
    nextRun: (name) => tasks.find((task) => task.name === name)?.getNextRun() ?? null,
    fire(name, tick) {
      const job = deps.jobs.find((j) => j.name === name);
      return job ? fire(job, tick) : Promise.reject(new Error(`no job named ${name}`));
    },
    async stop() {
      await Promise.all(tasks.map((task) => task.stop()));
      await Promise.allSettled([...running.values()]);
    },
  };
}
