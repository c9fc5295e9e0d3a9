// Moving up: a newsroom built on its SQLite file through the app's own services is copied into PostgreSQL
// (the function and the `npm run db:copy` command line), every table row by row, and a newsroom started
// on the copy carries on where the old one stopped. Needs a PostgreSQL server even in the SQLite suite:
// TEST_DATABASE_URL or the local one.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../src/db/generated/sqlite/client.ts";
import { createDatabase } from "../../src/db/create-database.ts";
import { copyDatabase, delegate, TABLES } from "../../scripts/db-copy.ts";
import { acquireSqliteLock } from "../../src/db/sqlite-lock.ts";
import { sqlitePath } from "../../src/db/provider.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import type { TestDatabase } from "../support/database.ts";
import { settleBroadcast } from "../support/readers.ts";
import { startFakeTelegram, type FakeTelegram } from "../support/fake-telegram/index.ts";

const ADMIN = process.env.TEST_DATABASE_URL?.startsWith("postgres") ? process.env.TEST_DATABASE_URL : "postgresql://root@127.0.0.1:5432/test";
const CHANNELS = "@copy_ru:ru,@copy_kk:kk";

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function sqliteDatabase(): Promise<TestDatabase> {
  const dir = path.resolve(".tmp", "test-db");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `habarshy_copy_${randomBytes(6).toString("hex")}.db`);
  const url = `file:${file}`;
  const handle = await createDatabase({ url, migrate: true });
  return {
    ...handle, url,
    async destroy() {
      await handle.close();
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    },
  };
}

async function pgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `habarshy_copy_${randomBytes(6).toString("hex")}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** Every row of every table, in key order, as plain values. */
async function dump(url: string): Promise<Record<string, unknown[]>> {
  const handle = await createDatabase({ url });
  try {
    const out: Record<string, unknown[]> = {};
    for (const table of TABLES) {
      out[table.model] = await delegate(handle.db, table.model).findMany({ orderBy: table.key.map((field) => ({ [field]: "asc" })) });
    }
    return out;
  } finally {
    await handle.close();
  }
}

describe("moving a newsroom from SQLite to PostgreSQL", () => {
  let fake: FakeTelegram;
  let source: TestDatabase;
  let t: TestApp;
  const targets: Array<{ drop(): Promise<void> }> = [];

  beforeAll(async () => {
    fake = await startFakeTelegram();
    source = await sqliteDatabase();
    t = await startTestApp({ fake, database: source, env: { CHANNELS, FEEDS: "https://ekaraganda.kz/rss.xml" } });
    const { services } = t.app;
    for (let i = 1; i <= 12; i++) {
      const res = await t.api("POST", "/api/articles", { externalId: `m-${i}`, url: `https://ekaraganda.kz/m/${i}`, title: `Материал ${i}`, lead: "Лид." });
      expect(res.status).toBeLessThan(300);
    }
    await t.app.worker.idle();
    // A poll in both channels, with votes from Telegram.
    await t.api("POST", "/api/polls", { externalId: "roads", question: "Дороги?", options: ["Да", "Нет"], chats: ["@copy_ru", "@copy_kk"] });
    await services.polls.idle();
    const base = services.polls.handledUpdates();
    fake.pollUpdate(fake.pollsIn("@copy_ru").at(-1)!.id, [3, 1]);
    await services.polls.whenHandled(base + 1);
    // A tip with its thread, a reader with a subscription, an announcement sent to readers.
    const citizen = await services.users.touch({ id: 7001, first_name: "Айгерим" });
    const tip = await services.tips.submit({ userId: citizen.id, language: "ru", draft: { topic: "city", text: "Яма на дороге", attachments: [{ kind: "photo", fileId: "ph-1" }], consent: "none" } });
    await services.tips.whenDeskIdle();
    await services.tips.recordMessage({ tipId: tip.id, direction: "from_citizen", text: "Ещё фото", editorMessageId: 900, citizenMessageId: 12 });
    await services.subscribers.subscribe(citizen.id, "ru");
    const broadcast = await services.broadcasts.announce({ text: "Сәлем!", language: "ru" }, "test");
    expect((await settleBroadcast(t.app, broadcast.id)).status).toBe("done");
    await t.stopApp();
  }, 120_000);

  afterAll(async () => {
    await t?.app.stop().catch(() => undefined);
    for (const target of targets) await target.drop();
    await source?.destroy();
    await fake?.close();
  });

  it("lists every table of the model, parents first", () => {
    expect(TABLES.map((table) => table.model).sort()).toEqual(Object.values(Prisma.ModelName).sort());
  });

  it("copies every table row by row, and a newsroom on the copy continues the ids", async () => {
    const target = await pgDatabase();
    targets.push(target);
    const report = await copyDatabase({ from: source.url, to: target.url });
    console.log(`db:copy of the seeded newsroom: ${report.ms} ms, ${report.tables.reduce((n, row) => n + row.target, 0)} rows`);
    const before = await dump(source.url);
    expect(before.Delivery!.length).toBe(12);
    for (const table of ["Article", "Delivery", "Channel", "Feed", "Poll", "PollCopy", "Tip", "TipAttachment", "TipMessage", "User", "Subscriber", "Broadcast", "BroadcastRecipient", "Counter"]) {
      expect(before[table]!.length, `${table} has rows to copy`).toBeGreaterThan(0);
    }
    expect(await dump(target.url)).toEqual(before);

    const posted = fake.messages("@copy_ru").length;
    const next = await startTestApp({ fake, database: { ...(await createDatabase({ url: target.url })), url: target.url, destroy: async () => undefined }, env: { CHANNELS } });
    try {
      const maxId = Math.max(...(before.Article as Array<{ id: number }>).map((row) => row.id));
      const res = await next.api("POST", "/api/articles", { externalId: "after-move", url: "https://ekaraganda.kz/after", title: "После переезда", lead: "Лид." });
      expect(res.status).toBe(201);
      await next.app.worker.idle();
      const moved = await next.app.database.db.article.findUniqueOrThrow({ where: { externalId: "after-move" } });
      expect(moved.id).toBe(maxId + 1);
      expect(await next.app.database.db.delivery.count({ where: { articleId: moved.id, state: "sent" } })).toBe(1);
      // Nothing old was sent again.
      expect(fake.messages("@copy_ru")).toHaveLength(posted + 1);
    } finally {
      await next.app.stop();
    }
  }, 120_000);

  it("refuses while Habarshy runs on the file, and touches nothing", async () => {
    const target = await pgDatabase();
    targets.push(target);
    const running = await acquireSqliteLock(sqlitePath(source.url));
    try {
      await expect(copyDatabase({ from: source.url, to: target.url })).rejects.toThrow(/Habarshy is running on .*stop it first/);
    } finally {
      running.release();
    }
    // Refused before anything was written: not even the schema.
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`);
    await client.end();
    expect(rows[0].n).toBe(0);
  });

  it("copies from the command line, and refuses a target that already holds data", async () => {
    const target = await pgDatabase();
    targets.push(target);
    const run = (args: string[]) => promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/db-copy.ts", ...args], { env: { PATH: process.env.PATH } })
      .then((out) => ({ code: 0, ...out }), (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }));
    const first = await run(["--from", source.url, "--to", target.url]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Delivery\s+12\s+12/);
    expect(first.stdout).toContain("DATABASE_URL=");
    const again = await run(["--from", source.url, "--to", target.url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/refused: the target database already holds data \(Channel, Feed, User/);
    expect(await dump(target.url)).toEqual(await dump(source.url));
  }, 120_000);
});
