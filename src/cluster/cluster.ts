// Several instances on one PostgreSQL (docs/decisions/010-several-instances.md). Each instance keeps one
// control connection of its own, named `habarshy:<instance id>` in pg_stat_activity. Everything the
// instances must agree on hangs off that connection:
//   - leases are session advisory locks (`pg_try_advisory_lock`): held while the connection lives, and
//     dropped by PostgreSQL the moment the process dies (kill -9 closes its socket), so a survivor can take
//     them over on its next try instead of waiting for a timeout;
//   - the live instances are the control connections PostgreSQL still has.
// If the control connection itself is lost, the leases are gone with it: the instance says so (`onLost`)
// and main.ts exits, so a supervisor restarts it rather than have it act on leases it no longer holds.
//
// SQLite is one process by construction (db/sqlite-lock.ts refuses a second one): there every lease is
// granted at once and the instance is alone.
import { randomBytes } from "node:crypto";
import type { Logger } from "../logger.ts";
import type { Provider } from "../db/provider.ts";

/** The first key of every advisory lock Habarshy takes (the second is a hash of the lease's name). */
const LOCK_SPACE = 0x4862; // "Hb"
const APPLICATION = "habarshy:";

export interface Lease {
  readonly name: string;
  release(): Promise<void>;
}

export interface Cluster {
  /** this instance: also the prefix of its claim tokens */
  readonly id: string;
  readonly shared: boolean;
  /** takes the named lease if nobody holds it; null when another instance (or this one) does */
  tryLease(name: string): Promise<Lease | null>;
  /** ids of the instances alive now (this one included) */
  members(): Promise<string[]>;
  /** runs one statement on the control connection (shared budgets, tests) */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** called once if the control connection is lost (the leases are gone) */
  onLost(listener: (error: Error) => void): void;
  close(): Promise<void>;
}

export async function createCluster(options: { url: string; provider: Provider; logger: Logger; id?: string }): Promise<Cluster> {
  const id = options.id ?? randomBytes(4).toString("hex");
  return options.provider === "postgresql" ? connectPostgres(options.url, id, options.logger) : soloCluster(id);
}

function soloCluster(id: string): Cluster {
  const held = new Set<string>();
  return {
    id,
    shared: false,
    async tryLease(name) {
      if (held.has(name)) return null;
      held.add(name);
      return { name, release: async () => void held.delete(name) };
    },
    members: async () => [id],
    query: () => Promise.reject(new Error("the embedded SQLite store has no shared control connection")),
    onLost: () => undefined,
    close: async () => held.clear(),
  };
}

async function connectPostgres(url: string, id: string, logger: Logger): Promise<Cluster> {
  const { default: pg } = await import("pg");
  const log = logger.child({ component: "cluster", instance: id });
  const client = new pg.Client({ connectionString: url, application_name: `${APPLICATION}${id}`, keepAlive: true });
  await client.connect();
  const held = new Set<string>();
  const lostListeners: Array<(error: Error) => void> = [];
  let closing = false;
  let lost = false;
  const loseAll = (error: Error) => {
    if (closing || lost) return;
    lost = true;
    held.clear();
    log.error({ err: error }, "lost the control connection to PostgreSQL: this instance's leases are gone");
    for (const listener of lostListeners) listener(error);
  };
  client.on("error", loseAll);
  client.on("end", () => loseAll(new Error("the control connection ended")));

  // One connection runs one statement at a time: callers queue here rather than inside pg (which warns).
  let tail: Promise<unknown> = Promise.resolve();
  const query = <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const run = tail.then(async () => (await client.query(sql, params)).rows as T[]);
    tail = run.catch(() => undefined);
    return run;
  };

  return {
    id,
    shared: true,
    async tryLease(name) {
      if (lost || held.has(name)) return null;
      const [row] = await query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok", [LOCK_SPACE, name]);
      if (!row?.ok) return null;
      held.add(name);
      return {
        name,
        async release() {
          if (!held.delete(name) || lost) return;
          await query("SELECT pg_advisory_unlock($1, hashtext($2))", [LOCK_SPACE, name]);
        },
      };
    },
    async members() {
      const rows = await query<{ name: string }>(
        "SELECT application_name AS name FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE $1",
        [`${APPLICATION}%`],
      );
      return rows.map((row) => row.name.slice(APPLICATION.length));
    },
    query,
    onLost: (listener) => void lostListeners.push(listener),
    async close() {
      closing = true;
      held.clear();
      await client.end().catch(() => undefined);
    },
  };
}
