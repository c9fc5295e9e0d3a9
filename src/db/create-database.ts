// The one place that knows which Prisma client serves which DATABASE_URL. Both generated clients come
// from the same model (prisma/schema.prisma), so the rest of the code uses one type: `Database`.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Logger } from "pino";
import { PrismaClient } from "./generated/sqlite/client.ts";
import { applyMigrations, migrationsDir, readMigrations, type SqlRunner } from "./migrate.ts";
import { providerOf, sqlitePath, type Provider } from "./provider.ts";

export type Database = PrismaClient;
/** A transaction client or the client itself: repositories accept either. */
export type Tx = Omit<Database, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface DatabaseHandle {
  db: Database;
  provider: Provider;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string;
  logger?: Logger;
  /** apply pending migrations before returning (what `npm start` does) */
  migrate?: boolean;
  /** folder holding prisma/ (defaults to the working directory) */
  root?: string;
}

export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const provider = providerOf(options.url);
  if (options.migrate) {
    const applied = await migrate(options.url, provider, options.root);
    if (applied.length > 0) options.logger?.info({ migrations: applied }, "database schema brought up to date");
  }
  if (provider === "sqlite") {
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    // timeout is SQLite's busy timeout: writers wait for each other instead of failing with SQLITE_BUSY.
    const adapter = new PrismaBetterSQLite3({ url: sqlitePath(options.url), timeout: 10_000 });
    const db = new PrismaClient({ adapter });
    return { db, provider, close: () => db.$disconnect() };
  }
  const [{ PrismaPg }, { PrismaClient: PgClient }] = await Promise.all([
    import("@prisma/adapter-pg"),
    import("./generated/postgresql/client.ts"),
  ]);
  const db = new PgClient({ adapter: new PrismaPg({ connectionString: options.url, max: 10 }) });
  // Same model, same generated API: only the provider tag inside differs.
  return { db: db as unknown as Database, provider, close: () => db.$disconnect() };
}

/**
 * One SQLite migration as one transaction. Prisma's table rebuilds switch foreign keys off around
 * DROP TABLE (else dropping a parent table would cascade-delete its children's rows), but SQLite ignores
 * `PRAGMA foreign_keys` inside a transaction. So they are switched off here, before BEGIN, and the
 * references are checked before COMMIT (`foreign_key_check`), which is what the pragma would have guarded.
 */
async function sqliteTransaction(connection: import("better-sqlite3").Database, work: () => Promise<void>): Promise<void> {
  const enforced = connection.pragma("foreign_keys", { simple: true }) === 1;
  connection.pragma("foreign_keys = OFF");
  try {
    connection.exec("BEGIN IMMEDIATE");
    try {
      await work();
      const broken = connection.pragma("foreign_key_check") as Array<{ table: string; parent: string }>;
      if (broken.length > 0) {
        const where = [...new Set(broken.map((row) => `${row.table} → ${row.parent}`))].join(", ");
        throw new Error(`leaves ${broken.length} row(s) pointing at nothing (${where})`);
      }
      connection.exec("COMMIT");
    } catch (error) {
      if (connection.inTransaction) connection.exec("ROLLBACK");
      throw error;
    }
  } finally {
    if (enforced) connection.pragma("foreign_keys = ON");
  }
}

export async function migrate(url: string, provider = providerOf(url), root?: string): Promise<string[]> {
  const migrations = readMigrations(migrationsDir(provider, root));
  if (provider === "sqlite") {
    const file = sqlitePath(url);
    if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const { default: SQLite } = await import("better-sqlite3");
    const connection = new SQLite(file);
    try {
      // WAL lets the HTTP API read while the delivery worker writes; it is a property of the file.
      connection.pragma("journal_mode = WAL");
      const runner: SqlRunner = {
        exec: async (sql) => void connection.exec(sql),
        query: async <T>(sql: string, params: unknown[] = []) => {
          const statement = connection.prepare(sql);
          return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
        },
        transaction: (work) => sqliteTransaction(connection, work),
      };
      return await applyMigrations(runner, provider, migrations);
    } finally {
      connection.close();
    }
  }
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One migrator at a time when several instances start together.
    await client.query("SELECT pg_advisory_lock(4242001)");
    const runner: SqlRunner = {
      exec: async (sql) => void (await client.query(sql)),
      query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
      // PostgreSQL's DDL is transactional: a failed migration leaves no table, column or index behind.
      async transaction(work) {
        await client.query("BEGIN");
        try {
          await work();
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw error;
        }
      },
    };
    return await applyMigrations(runner, provider, migrations);
  } finally {
    await client.query("SELECT pg_advisory_unlock(4242001)").catch(() => undefined);
    await client.end();
  }
}
