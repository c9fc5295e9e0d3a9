import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { Clock } from "../clock.ts";
import type { Metrics } from "../metrics.ts";
import type { Services } from "../services.ts";
import type { Database } from "../db/create-database.ts";
import type { Translate } from "../i18n.ts";

/** Everything a bot feature may use. Features call services; only conversation storage touches `db`. */
export interface BotDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  metrics: Metrics;
  services: Services;
  db: Database;
  /** a message in a given language, for texts sent outside the update's own language (desk, notices) */
  translate: Translate;
}
