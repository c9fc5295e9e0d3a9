// Every scheduled job, in one list. Each feature's job lives next to its service; this file only wires.
import type { Config } from "../config.ts";
import type { Services } from "../services.ts";
import type { Job } from "./start-scheduler.ts";
import { closePollsJob } from "../polls/poll-jobs.ts";
import { broadcastJobs } from "../broadcasts/broadcast-jobs.ts";

export function createJobs(deps: { config: Config; services: Services }): Job[] {
  return [
    { name: "poll-feeds", schedule: deps.config.feedPollCron, run: () => deps.services.feeds.pollAll(), runAtStart: true },
    { name: "expire-tip-conversations", schedule: "*/5 * * * *", run: async () => void (await deps.services.tips.expireDrafts()) },
    { name: "post-tip-cards", schedule: "* * * * *", run: () => deps.services.tips.postMissingCards(), runAtStart: true },
    closePollsJob(deps.services.polls),
    ...broadcastJobs(deps.services.broadcasts, deps.config.digestTime.minute),
    { name: "expire-console-sessions", schedule: "17 * * * *", run: async () => void (await deps.services.consoleSessions.removeExpired()) },
  ];
}
