// `npm run db:copy -- --to postgresql://…`: moves a newsroom from its SQLite file to PostgreSQL, nothing
// lost. The target is migrated first and must be empty; the source is read in one read transaction (a
// consistent snapshot), and everything is written in one transaction on the target, so a failed copy
// leaves the target as empty as it was. Then the id sequences continue after the copied ids, and the row
// counts of both sides are compared table by table.
//
// Stop the newsroom first: a copy of a file that is still being written would miss what comes after it.
import { pathToFileURL } from "node:url";
import { ConfigError, loadConfig } from "../src/config.ts";
import { createDatabase } from "../src/db/create-database.ts";
import { providerOf, sqlitePath } from "../src/db/provider.ts";
import { acquireSqliteLock, SqliteInUseError, type SqliteLock } from "../src/db/sqlite-lock.ts";

/**
 * Every table of the model, parents before children (a row's references are copied before it), with its
 * primary key. test/db/copy.test.ts checks that this covers every model of prisma/schema.prisma.
 */
export const TABLES: ReadonlyArray<{ model: string; key: readonly string[]; serial?: boolean }> = [
  { model: "Channel", key: ["id"], serial: true },
  { model: "Feed", key: ["id"], serial: true },
  { model: "User", key: ["id"], serial: true },
  { model: "Tip", key: ["id"], serial: true },
  { model: "Article", key: ["id"], serial: true },
  { model: "Delivery", key: ["id"], serial: true },
  { model: "Poll", key: ["id"], serial: true },
  { model: "PollCopy", key: ["id"], serial: true },
  { model: "PollAnswer", key: ["id"], serial: true },
  { model: "TipAttachment", key: ["id"], serial: true },
  { model: "TipMessage", key: ["id"], serial: true },
  { model: "Counter", key: ["name"] },
  { model: "Session", key: ["key"] },
  { model: "ConsoleSession", key: ["id"], serial: true },
  { model: "Subscriber", key: ["id"], serial: true },
  { model: "SubscriberSection", key: ["subscriberId", "section"] },
  { model: "Broadcast", key: ["id"], serial: true },
  { model: "BroadcastRecipient", key: ["id"], serial: true },
  { model: "JobRun", key: ["name", "tick"] },
  { model: "HandledUpdate", key: ["updateId"] },
  { model: "SendLane", key: ["lane"] },
  { model: "SendGrant", key: ["id"], serial: true },
];

const BATCH = 1000;

export class CopyRefusedError extends Error {
  override name = "CopyRefusedError";
}

export interface CopyReport {
  tables: Array<{ table: string; source: number; target: number }>;
  ms: number;
}

/** The Prisma delegate of a model (`Channel` → db.channel): every model has the same generic methods. */
type Delegate = {
  findMany(args: object): Promise<Array<Record<string, unknown>>>;
  createMany(args: { data: Array<Record<string, unknown>> }): Promise<{ count: number }>;
  count(): Promise<number>;
};
export function delegate(db: object, model: string): Delegate {
  return (db as Record<string, Delegate>)[model[0]!.toLowerCase() + model.slice(1)]!;
}

/**
 * Takes the newsroom's own lock on its SQLite file (src/db/sqlite-lock.ts) for the length of the copy:
 * refused while Habarshy runs on the file, and no Habarshy can start on it meanwhile, so nothing written
 * after the copy's snapshot is left behind.
 */
export async function lockSource(file: string): Promise<SqliteLock> {
  try {
    return await acquireSqliteLock(file);
  } catch (error) {
    if (error instanceof SqliteInUseError) throw new CopyRefusedError(`Habarshy is running on ${file}: stop it first, then copy (what it writes meanwhile would be left behind)`);
    throw error;
  }
}

export async function copyDatabase(options: { from: string; to: string; log?: (line: string) => void }): Promise<CopyReport> {
  const log = options.log ?? (() => undefined);
  if (providerOf(options.from) !== "sqlite") throw new CopyRefusedError(`the source must be a SQLite file (file:…), not ${redact(options.from)}`);
  if (providerOf(options.to) !== "postgresql") throw new CopyRefusedError(`the target must be a PostgreSQL URL (postgresql://…), not ${redact(options.to)}`);
  const lock = await lockSource(sqlitePath(options.from));
  try {
    return await copyLocked(options.from, options.to, log);
  } finally {
    lock.release();
  }
}

async function copyLocked(from: string, to: string, log: (line: string) => void): Promise<CopyReport> {
  const started = Date.now();
  const source = await createDatabase({ url: from, migrate: true });
  const target = await createDatabase({ url: to, migrate: true });
  try {
    const filled = [];
    for (const { model } of TABLES) if ((await delegate(target.db, model).count()) > 0) filled.push(model);
    if (filled.length > 0) throw new CopyRefusedError(`the target database already holds data (${filled.join(", ")}); copy into an empty database`);

    const counts = new Map<string, number>();
    await source.db.$transaction(async (read) => {
      await target.db.$transaction(async (write) => {
        for (const table of TABLES) {
          let copied = 0;
          for (;;) {
            const rows = await delegate(read, table.model).findMany({
              orderBy: table.key.map((field) => ({ [field]: "asc" })), skip: copied, take: BATCH,
            });
            if (rows.length === 0) break;
            await delegate(write, table.model).createMany({ data: rows });
            copied += rows.length;
            if (rows.length < BATCH) break;
          }
          counts.set(table.model, copied);
          log(`${table.model}: ${copied}`);
        }
        // Rows went in with their ids: each sequence continues after the largest, so new rows do not collide.
        for (const table of TABLES.filter((t) => t.serial)) {
          await write.$executeRawUnsafe(
            `SELECT setval(pg_get_serial_sequence('"${table.model}"', 'id'), COALESCE(MAX("id"), 1), MAX("id") IS NOT NULL) FROM "${table.model}"`);
        }
      }, { timeout: 3_600_000, maxWait: 60_000 });
    }, { timeout: 3_600_000, maxWait: 60_000 });

    const tables = [];
    for (const { model } of TABLES) {
      tables.push({ table: model, source: counts.get(model) ?? 0, target: await delegate(target.db, model).count() });
    }
    const wrong = tables.filter((row) => row.source !== row.target);
    if (wrong.length > 0) throw new Error(`row counts differ after the copy: ${wrong.map((row) => `${row.table} ${row.source}≠${row.target}`).join(", ")}`);
    return { tables, ms: Date.now() - started };
  } finally {
    await Promise.allSettled([source.close(), target.close()]);
  }
}

/** A URL without its password, for messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

function argument(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}

async function main(args: string[]): Promise<number> {
  const to = argument(args, "--to");
  let from = argument(args, "--from");
  if (!to) {
    console.error("usage: npm run db:copy -- --to postgresql://user@host:5432/habarshy [--from file:./data/habarshy.db]");
    return 64;
  }
  if (!from) {
    try {
      from = loadConfig().databaseUrl;
    } catch (error) {
      // Only the database matters here: the rest of the configuration may be incomplete.
      if (!(error instanceof ConfigError)) throw error;
      from = process.env.DATABASE_URL;
    }
  }
  if (!from) {
    console.error("no source: set DATABASE_URL (in .env) to the SQLite file, or pass --from file:…");
    return 64;
  }
  console.log(`copying ${redact(from)} → ${redact(to)}`);
  try {
    const report = await copyDatabase({ from, to });
    const width = Math.max(...report.tables.map((row) => row.table.length));
    console.log(`\n${"table".padEnd(width)}  ${"SQLite".padStart(8)}  ${"PostgreSQL".padStart(10)}`);
    for (const row of report.tables) console.log(`${row.table.padEnd(width)}  ${String(row.source).padStart(8)}  ${String(row.target).padStart(10)}`);
    console.log(`\ncopied in ${(report.ms / 1000).toFixed(1)} s; every table has the same number of rows on both sides.`);
    console.log(`Next: set DATABASE_URL=${redact(to)} in .env (keep the SQLite file as a backup), then start the instances`);
    console.log("with `npm start` (as many as you like, all with the same DATABASE_URL).");
    return 0;
  } catch (error) {
    console.error(error instanceof CopyRefusedError ? `refused: ${error.message}` : `the copy failed, the target is unchanged: ${(error as Error).message}`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (error) => {
    console.error(error);
    process.exit(1);
  });
}
