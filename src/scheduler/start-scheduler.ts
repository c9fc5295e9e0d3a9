// Cron jobs (feed polling, closing polls, expiring conversations). A job never overlaps itself, and a
// failure is logged with the job's name and does not stop the schedule.
import cron from "node-cron";
import type { Logger } from "../logger.ts";

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
}

export function startScheduler(deps: { jobs: Job[]; logger: Logger; timezone: string }): Scheduler {
  const running = new Map<string, Promise<void>>();
  const log = deps.logger.child({ component: "scheduler" });

  const runJob = (job: Job): Promise<void> => {
    const current = running.get(job.name);
    if (current) return current;
    const started = Date.now();
    const run = job.run()
      .then(() => log.debug({ job: job.name, ms: Date.now() - started }, "job done"))
      .catch((error) => log.error({ job: job.name, err: error }, "job failed"))
      .finally(() => running.delete(job.name));
    running.set(job.name, run);
    return run;
  };

  const tasks = deps.jobs.map((job) => cron.schedule(job.schedule, () => void runJob(job), { timezone: deps.timezone, name: job.name }));
  for (const job of deps.jobs) if (job.runAtStart) void runJob(job);

  return {
    nextRun: (name) => tasks.find((task) => task.name === name)?.getNextRun() ?? null,
    async stop() {
      await Promise.all(tasks.map((task) => task.stop()));
      await Promise.allSettled([...running.values()]);
    },
  };
}
