// The Readers tab: subscriber figures and the progress of running broadcasts. The subscriptions service
// is built on another branch; until it is wired here (`readers` in ConsoleDeps, see create-server.ts) the
// route answers 404 and /app/api/me says `features.readers: false`, which hides the tab.
import type { FastifyInstance } from "fastify";
import { notFound } from "../../errors.ts";
import type { ConsoleDeps } from "./context.ts";

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

/** What the console needs from the subscriptions service; an adapter of a few lines in create-server.ts. */
export interface ReadersSource {
  stats(): Promise<ReadersStats>;
  /** running and recent broadcasts, newest first */
  broadcasts(): Promise<BroadcastProgress[]>;
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
