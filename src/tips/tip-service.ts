// STUB — to be implemented (issue: news tips).
import type { Database } from "../db/create-database.ts";
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";

export interface TipServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
}

export function createTipService(_deps: TipServiceDeps) {
  return {};
}

export type TipService = ReturnType<typeof createTipService>;
