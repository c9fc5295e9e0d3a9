// The Readers tab: subscriber figures and the progress of running broadcasts, from the same services as
// /subscribers, /api/subscribers/stats and /api/broadcasts. Without `readers` in ConsoleDeps (a server
// built without the subscriptions) the route answers 404 and /app/api/me says `features.readers: false`,
// which hides the tab.
import type { FastifyInstance } from "fastify";
import { notFound } from "../../errors.ts";
import type { ConsoleDeps } from "./context.ts";
import type { Services } from "../../../services.ts";

export interface ReadersStats {
  subscribed: number;
  blocked: number;
  /** subscribed now minus seven days ago */
  change7d: number;
  byLanguage: Record<string, number>;
}

export interface BroadcastProgress {
  id: number | string;
  status: "queued" | "sending" | "done" | "cancelled";
  total: number;
  sent: number;
  blocked: number;
  failed: number;
}

/** What the console needs from the subscriptions and broadcast services (createReadersSource below). */
export interface ReadersSource {
  stats(): Promise<ReadersStats>;
  /** running and recent broadcasts, newest first */
  broadcasts(): Promise<BroadcastProgress[]>;
}

/** The console's view of the subscriptions and broadcast services. */
export function createReadersSource(services: Pick<Services, "subscribers" | "broadcasts">): ReadersSource {
  return {
    async stats() {
      const stats = await services.subscribers.stats();
      return { subscribed: stats.subscribed, blocked: stats.blocked, change7d: stats.change7d.net, byLanguage: stats.byLanguage };
    },
    broadcasts: () => services.broadcasts.list({ limit: 20 }),
  };
}

export function consoleReaderRoutes(deps: ConsoleDeps) {
  return async (app: FastifyInstance) => {
    app.get("/app/api/readers", async () => {
      if (!deps.readers) throw notFound("readers (subscriptions are not set up in this version)");
      const [stats, broadcasts] = await Promise.all([deps.readers.stats(), deps.readers.broadcasts()]);
      return { stats, broadcasts };
    });
  };
}
