// Our migrator (npm start) and Prisma's CLI must agree on what has been applied.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { migrate } from "../../src/db/create-database.ts";
import { applyMigrations, readMigrations, migrationsDir, MigrationError } from "../../src/db/migrate.ts";

const run = promisify(execFile);

describe("migrations", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.destroy());

  it("leaves a database Prisma's own CLI calls up to date", async () => {
    const { stdout } = await run("npx", ["prisma", "migrate", "status"], { env: { ...process.env, DATABASE_URL: database.url } });
    expect(stdout).toContain("Database schema is up to date");
  }, 60_000);

  it("applies nothing the second time", async () => {
    expect(await migrate(database.url)).toEqual([]);
  });

  it("refuses to start on a migration edited after it was applied", async () => {
    const migrations = readMigrations(migrationsDir(database.provider));
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    const runner = {
      exec: async (sql: string) => void (await database.db.$executeRawUnsafe(sql)),
      query: async <T>(sql: string) => (await database.db.$queryRawUnsafe(sql)) as T[],
    };
    await expect(applyMigrations(runner, database.provider, edited)).rejects.toThrow(MigrationError);
  });
});
