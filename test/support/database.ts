// Every test file gets its own migrated database: a fresh SQLite file by default, or — when
// TEST_DATABASE_URL points at a PostgreSQL server — a fresh database created on that server.
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createDatabase, type DatabaseHandle } from "../../src/db/create-database.ts";

export interface TestDatabase extends DatabaseHandle {
  url: string;
  /** close and remove the database */
  destroy(): Promise<void>;
}

export const testProvider = process.env.TEST_DATABASE_URL?.startsWith("postgres") ? "postgresql" : "sqlite";

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `habarshy_t_${randomBytes(6).toString("hex")}`;
  if (testProvider === "postgresql") return createPostgresDatabase(process.env.TEST_DATABASE_URL!, name);
  const dir = path.resolve(".tmp", "test-db");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.db`);
  const url = `file:${file}`;
  const handle = await createDatabase({ url, migrate: true });
  return {
    ...handle,
    url,
    async destroy() {
      await handle.close();
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    },
  };
}

/** A fresh, migrated database on the PostgreSQL server `admin` points at (benchmarks use it directly). */
export async function createPostgresDatabase(admin: string, name = `habarshy_t_${randomBytes(6).toString("hex")}`): Promise<TestDatabase> {
  await withClient(admin, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const handle = await createDatabase({ url: url.toString(), migrate: true });
  return {
    ...handle,
    url: url.toString(),
    async destroy() {
      await handle.close();
      await withClient(admin, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

export async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
