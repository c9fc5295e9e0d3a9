// Our migrator (npm start) and Prisma's CLI must agree on what has been applied.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
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
      transaction: (work: () => Promise<void>) => work(),
    };
    await expect(applyMigrations(runner, database.provider, edited)).rejects.toThrow(MigrationError);
  });
});

// A migration is applied whole or not at all, on both providers. The fixtures are tables of the test's
// own (not the product's), so the product's schema may change freely under this test.
describe("a migration that fails half-way", () => {
  let database: TestDatabase;
  let root: string;
  const sqlite = () => database.provider === "sqlite";
  const dir = () => migrationsDir(database.provider, root);
  const add = (name: string, sql: string) => {
    mkdirSync(path.join(dir(), name), { recursive: true });
    writeFileSync(path.join(dir(), name, "migration.sql"), sql);
  };
  const recorded = async () => (await database.db.$queryRawUnsafe<Array<{ migration_name: string }>>(
    `SELECT "migration_name" FROM "_prisma_migrations" WHERE "migration_name" LIKE '9%' ORDER BY "migration_name"`)).map((r) => r.migration_name);
  const columns = async (table: string) => sqlite()
    ? (await database.db.$queryRawUnsafe<Array<{ name: string }>>(`SELECT "name" FROM pragma_table_info('${table}')`)).map((r) => r.name)
    : (await database.db.$queryRawUnsafe<Array<{ name: string }>>(
      `SELECT column_name::text AS "name" FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`)).map((r) => r.name);
  const children = async () => Number((await database.db.$queryRawUnsafe<Array<{ n: number | bigint }>>(`SELECT count(*) AS "n" FROM "TestChild"`))[0]!.n);

  beforeAll(async () => {
    database = await createTestDatabase();
    root = path.resolve(".tmp", `migrations-${randomBytes(4).toString("hex")}`);
    cpSync(migrationsDir(database.provider), dir(), { recursive: true });
    add("9001_fixture", `
      CREATE TABLE "TestParent" ("id" INTEGER NOT NULL PRIMARY KEY, "title" TEXT);
      CREATE TABLE "TestChild" ("id" INTEGER NOT NULL PRIMARY KEY, "parentId" INTEGER NOT NULL,
        CONSTRAINT "TestChild_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "TestParent" ("id") ON DELETE CASCADE);
      INSERT INTO "TestParent" ("id", "title") VALUES (1, 'same'), (2, 'same');
      INSERT INTO "TestChild" ("id", "parentId") VALUES (10, 1), (11, 2);`);
    // What Prisma writes for SQLite when a column is added with a constraint: rebuild the table. The
    // unique index at the very end fails on the two equal titles, after the old table is gone.
    add("9002_parent_note", sqlite() ? `
      PRAGMA defer_foreign_keys=ON;
      PRAGMA foreign_keys=OFF;
      CREATE TABLE "new_TestParent" ("id" INTEGER NOT NULL PRIMARY KEY, "title" TEXT, "note" TEXT);
      INSERT INTO "new_TestParent" ("id", "title") SELECT "id", "title" FROM "TestParent";
      DROP TABLE "TestParent";
      ALTER TABLE "new_TestParent" RENAME TO "TestParent";
      CREATE UNIQUE INDEX "TestParent_title_key" ON "TestParent"("title");
      PRAGMA foreign_keys=ON;
      PRAGMA defer_foreign_keys=OFF;` : `
      ALTER TABLE "TestParent" ADD COLUMN "note" TEXT;
      CREATE UNIQUE INDEX "TestParent_title_key" ON "TestParent"("title");`);
  });
  afterAll(async () => {
    await database?.destroy();
    rmSync(root, { force: true, recursive: true });
  });

  it("leaves the database as it was, and the next start applies it", async () => {
    await expect(migrate(database.url, database.provider, root)).rejects.toThrow(/^migration 9002_parent_note failed: .*(UNIQUE|unique)/);
    expect(await recorded()).toEqual(["9001_fixture"]);
    expect(await columns("TestParent")).toEqual(["id", "title"]);
    expect(await columns("new_TestParent")).toEqual([]);
    expect(await children()).toBe(2);

    // The cause is fixed; the next start applies the migration from the top.
    await database.db.$executeRawUnsafe(`UPDATE "TestParent" SET "title" = 'other' WHERE "id" = 2`);
    expect(await migrate(database.url, database.provider, root)).toEqual(["9002_parent_note"]);
    expect(await columns("TestParent")).toEqual(["id", "title", "note"]);
    // Dropping the old table did not cascade to its children: foreign keys were off for the rebuild.
    expect(await children()).toBe(2);
    expect(await recorded()).toEqual(["9001_fixture", "9002_parent_note"]);
  });

  it("records a migration in the same transaction as its changes, so a failure in between undoes both", async () => {
    add("9004_side_table", `CREATE TABLE "TestSide" ("id" INTEGER NOT NULL PRIMARY KEY);`);
    // The bookkeeping insert fails, as if the process died between running the script and recording it.
    await refuseRecording("9004_side_table", true);
    await expect(migrate(database.url, database.provider, root)).rejects.toThrow(/^migration 9004_side_table failed: .*not now/);
    expect(await columns("TestSide")).toEqual([]);
    await refuseRecording("9004_side_table", false);
    expect(await migrate(database.url, database.provider, root)).toEqual(["9004_side_table"]);
    expect(await columns("TestSide")).toEqual(["id"]);
  });

  async function refuseRecording(name: string, on: boolean) {
    const db = database.db;
    if (sqlite()) {
      await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "refuse_record"`);
      if (on) await db.$executeRawUnsafe(`CREATE TRIGGER "refuse_record" BEFORE INSERT ON "_prisma_migrations" WHEN NEW."migration_name" = '${name}' BEGIN SELECT RAISE(ABORT, 'not now'); END`);
      return;
    }
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "refuse_record" ON "_prisma_migrations"`);
    if (!on) return;
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION refuse_record() RETURNS trigger AS $$ BEGIN
      IF NEW."migration_name" = '${name}' THEN RAISE EXCEPTION 'not now'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE TRIGGER "refuse_record" BEFORE INSERT ON "_prisma_migrations" FOR EACH ROW EXECUTE FUNCTION refuse_record()`);
  }

  it("refuses a migration that would leave rows pointing at nothing (SQLite; PostgreSQL cascades)", async () => {
    add("9003_drop_parent", `DELETE FROM "TestParent" WHERE "id" = 2;`);
    if (sqlite()) {
      // Foreign keys are off during a migration (see above), so only the check before COMMIT sees this.
      await expect(migrate(database.url, database.provider, root)).rejects.toThrow(/^migration 9003_drop_parent failed: leaves 1 row\(s\) pointing at nothing \(TestChild → TestParent\)/);
      expect(await children()).toBe(2);
      expect(await recorded()).toEqual(["9001_fixture", "9002_parent_note", "9004_side_table"]);
    } else {
      expect(await migrate(database.url, database.provider, root)).toEqual(["9003_drop_parent"]);
      expect(await children()).toBe(1);
    }
  });
});
