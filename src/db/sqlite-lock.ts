// SQLite is one process. Two Habarshy processes on one file would each believe they are alone (solo
// cluster): both would poll Telegram, run every job and spend the whole rate budget. So a process takes
// an exclusive OS lock on a sidecar file, `<db>.lock`, for as long as it runs.
//
// The lock is SQLite's own: a connection in `locking_mode = EXCLUSIVE` keeps its write lock after its
// first write until it closes. The OS drops that lock with the process, kill -9 included, so a crashed
// newsroom never leaves a stale lock behind (a pid file would).
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Database as SQLite } from "better-sqlite3";

export class SqliteInUseError extends Error {
  override name = "SqliteInUseError";
  constructor(readonly file: string, options?: { cause?: unknown }) {
    super(
      `Another Habarshy process is using ${file}. An SQLite database serves one process only; ` +
        "stop the other one, or, to run several instances, move to PostgreSQL " +
        "(npm run db:copy -- --to postgresql://…, see README \"Scaling out\").",
      options,
    );
  }
}

export interface SqliteLock {
  readonly file: string;
  release(): void;
}

/** Takes the lock for the SQLite file `file` (a path, not a URL); throws SqliteInUseError if taken. */
export async function acquireSqliteLock(file: string): Promise<SqliteLock> {
  const { default: Database } = await import("better-sqlite3");
  const lockFile = `${path.resolve(file)}.lock`;
  mkdirSync(path.dirname(lockFile), { recursive: true });
  let connection: SQLite | undefined;
  try {
    connection = new Database(lockFile, { timeout: 0 });
    connection.pragma("locking_mode = EXCLUSIVE");
    // The write is what takes the lock; it then stays with this connection.
    connection.exec("CREATE TABLE IF NOT EXISTS holder (pid INTEGER, since TEXT)");
    connection.exec("BEGIN EXCLUSIVE");
    connection.prepare("DELETE FROM holder").run();
    connection.prepare("INSERT INTO holder (pid, since) VALUES (?, ?)").run(process.pid, new Date().toISOString());
    connection.exec("COMMIT");
  } catch (error) {
    connection?.close();
    if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY")) throw new SqliteInUseError(file, { cause: error });
    throw error;
  }
  const held = connection;
  return {
    file,
    release: () => {
      if (held.open) held.close();
    },
  };
}
