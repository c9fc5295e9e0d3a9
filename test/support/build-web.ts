// Vitest global setup: the browser tests need the console built; build it when web/dist is missing or stale.
import { buildWeb } from "../../scripts/build-web.ts";

export default async function setup(): Promise<void> {
  await buildWeb({ ifStale: true });
}
