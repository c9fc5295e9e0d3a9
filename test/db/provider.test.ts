// `npm run test:postgres` must really run the suite on PostgreSQL: if TEST_DATABASE_URL names a
// PostgreSQL server but the app ended up on SQLite (or the other way round), every other test would pass
// while proving nothing about the provider it claims to cover. Decided here from the environment itself,
// not from the test helpers that could be the thing that is wrong.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";

const wanted = process.env.TEST_DATABASE_URL?.startsWith("postgres") ? "postgresql" : "sqlite";

describe(`the suite's database (${wanted})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("is the one TEST_DATABASE_URL asks for, down to the server's own answer", async () => {
    expect(t.app.database.provider).toBe(wanted);
    expect(t.config.databaseUrl).toMatch(wanted === "postgresql" ? /^postgres(ql)?:\/\// : /^file:/);
    if (wanted === "postgresql") {
      const [row] = await t.app.database.db.$queryRawUnsafe<Array<{ version: string }>>("SELECT version() AS version");
      expect(row!.version).toMatch(/^PostgreSQL \d+/);
      // The app's database is the one the suite made on that server, not the server's default.
      const [current] = await t.app.database.db.$queryRawUnsafe<Array<{ name: string }>>("SELECT current_database()::text AS name");
      expect(current!.name).toMatch(/^habarshy_t_[0-9a-f]{12}$/);
    } else {
      const [row] = await t.app.database.db.$queryRawUnsafe<Array<{ version: string }>>("SELECT sqlite_version() AS version");
      expect(row!.version).toMatch(/^3\.\d+/);
    }
  });
});
