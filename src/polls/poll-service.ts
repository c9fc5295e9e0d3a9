// STUB — to be implemented (issue: reader polls).
import type { Database } from "../db/create-database.ts";
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";

export interface PollServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  defaultLocale: string;
  onOutbox: () => void;
}

export function createPollService(_deps: PollServiceDeps) {
  return {};
}

export type PollService = ReturnType<typeof createPollService>;
