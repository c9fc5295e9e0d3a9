// The ledger of ticks (table JobRun, decision 010): one row per job and tick, written by the instance that
// runs it. The primary key (name, tick) makes the insert the election: of several instances firing the
// same tick, the one whose row went in runs the job, the others see a unique violation and skip it.
import type { Database } from "../db/create-database.ts";
import { isUniqueViolation } from "../db/errors.ts";

const WEEK_MS = 7 * 24 * 3_600_000;

export function createJobRuns(db: Database) {
  return {
    /** true when this instance got the tick */
    async claim(name: string, tick: Date, instance: string): Promise<boolean> {
      try {
        // Prisma's create rather than raw SQL: it writes DateTime the way each provider's adapter reads it.
        await db.jobRun.create({ data: { name, tick, instance } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    /** Forgets ticks older than a week: they only answer "who ran what, when". */
    async prune(now: Date): Promise<number> {
      const { count } = await db.jobRun.deleteMany({ where: { tick: { lt: new Date(now.getTime() - WEEK_MS) } } });
      return count;
    },
  };
}

export type JobRuns = ReturnType<typeof createJobRuns>;
