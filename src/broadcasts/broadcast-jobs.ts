// The scheduled side of broadcasts: digests at every reader's hour (in TIMEZONE, at DIGEST_TIME's minute;
// at start too, so a restart around that minute does not cost readers their digest), and the daily purge
// of old recipient rows.
import type { Job } from "../scheduler/start-scheduler.ts";
import type { BroadcastService } from "./broadcast-service.ts";

export function broadcastJobs(broadcasts: BroadcastService, digestMinute: number): Job[] {
  return [
    { name: "digests", schedule: `${digestMinute} * * * *`, run: async () => void (await broadcasts.scheduleDigests()), runAtStart: true },
    { name: "purge-broadcast-recipients", schedule: "17 4 * * *", run: async () => void (await broadcasts.purgeOld()) },
  ];
}
