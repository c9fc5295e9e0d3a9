// The scheduled side of polls. Closing is a job, not a timer per poll, so a restart loses nothing: the
// job runs at start too and closes every poll whose time passed while we were down.
import type { Job } from "../scheduler/start-scheduler.ts";
import type { PollService } from "./poll-service.ts";

/** Every 10 seconds (node-cron's optional seconds field): "on time" for a poll that runs for days. */
export const CLOSE_POLLS_SCHEDULE = "*/10 * * * * *";

export function closePollsJob(polls: PollService): Job {
  return { name: "close-polls", schedule: CLOSE_POLLS_SCHEDULE, run: async () => void (await polls.closeDue()), runAtStart: true };
}
