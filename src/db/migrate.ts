// Applies prisma/migrations (SQLite) or prisma/postgresql/migrations on start, so `npm start` needs no
// Prisma CLI and no network. It keeps Prisma's own bookkeeping table `_prisma_migrations` with the same
// checksum (sha256 of migration.sql), so `prisma migrate status|deploy` agree with what it did.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import type { Provider } from "./provider.ts";

export interface SqlRunner {
  /** Runs a script that may hold several statements. */
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `work` in one transaction: everything it did is kept, or none of it (it throws). */
  transaction(work: () => Promise<void>): Promise<void>;
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = "MigrationError";
  constructor(readonly migration: string, options: { cause: unknown }) {
    super(`migration ${migration} failed: ${String((options.cause as Error)?.message ?? options.cause)}`, options);
  }
}

export function migrationsDir(provider: Provider, root = process.cwd()): string {
  return provider === "postgresql"
    ? path.join(root, "prisma", "postgresql", "migrations")
    : path.join(root, "prisma", "migrations");
}

export function readMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) throw new Error(`no migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const BOOKKEEPING = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
  postgresql: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
} as const;

/** Applies every migration not yet recorded, in name order. Returns the names applied. */
export async function applyMigrations(runner: SqlRunner, provider: Provider, migrations: Migration[]): Promise<string[]> {
  await runner.exec(BOOKKEEPING[provider]);
  const done = await runner.query<{ migration_name: string; checksum: string }>(
    `SELECT "migration_name", "checksum" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
  );
  const applied = new Map(done.map((row) => [row.migration_name, row.checksum]));
  const names: string[] = [];
  for (const migration of migrations) {
    const checksum = applied.get(migration.name);
    if (checksum !== undefined) {
      // An edited migration that already ran would leave this database different from the schema.
      if (checksum !== migration.checksum) {
        throw new MigrationError(migration.name, { cause: new Error("was modified after it was applied") });
      }
      continue;
    }
    const now = new Date().toISOString();
    // The migration and its record commit together: a failure (or a crash) half-way through a table
    // rebuild leaves the database as it was, and the next start applies the migration from the top.
    try {
      await runner.transaction(async () => {
        await runner.exec(migration.sql);
        await runner.query(
          `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count")
           VALUES ($1, $2, $3, $4, $5, 1)`.replaceAll(/\$\d/g, provider === "sqlite" ? "?" : "$&"),
          [randomUUID(), migration.checksum, new Date().toISOString(), migration.name, now],
        );
      });
    } catch (cause) {
      throw new MigrationError(migration.name, { cause });
    }
    names.push(migration.name);
  }
  return names;
}
