// `npm run db:migration -- <name>`: writes the next migration for both providers from the difference
// between the model as of the last migration (prisma/migrations/schema.snapshot.prisma) and
// prisma/schema.prisma. `prisma migrate diff` between two datamodels needs no shadow database and no network
// (the JS engine still opens a connection: PostgreSQL from MIGRATION_POSTGRES_URL, default the local one).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
if (!name) throw new Error("usage: npm run db:migration -- <name>");
execFileSync("npx", ["tsx", "scripts/sync-schemas.ts"], { stdio: "inherit" });

const SNAPSHOT = "prisma/migrations/schema.snapshot.prisma";
const toPostgres = (schema: string) => schema.replace('provider = "sqlite"', 'provider = "postgresql"');
mkdirSync(".tmp", { recursive: true });
writeFileSync(".tmp/snapshot.postgresql.prisma", toPostgres(readFileSync(SNAPSHOT, "utf8")));

const providers = [
  { dir: "prisma/migrations", from: SNAPSHOT, to: "prisma/schema.prisma", url: "file:./.tmp/scratch.db" },
  { dir: "prisma/postgresql/migrations", from: ".tmp/snapshot.postgresql.prisma", to: "prisma/postgresql/schema.prisma", url: process.env.MIGRATION_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/test" },
];
let wrote = false;
for (const provider of providers) {
  const sql = execFileSync("npx", ["prisma", "migrate", "diff", "--from-schema-datamodel", provider.from, "--to-schema-datamodel", provider.to, "--script"], {
    env: { ...process.env, DATABASE_URL: provider.url },
  }).toString();
  if (!/\b(CREATE|ALTER|DROP)\b/i.test(sql)) {
    console.log(`${provider.dir}: no changes`);
    continue;
  }
  const next = String(readdirSync(provider.dir).filter((d) => /^\d{4}_/.test(d)).length + 1).padStart(4, "0");
  const folder = path.join(provider.dir, `${next}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "migration.sql"), sql);
  console.log(`wrote ${folder}/migration.sql`);
  wrote = true;
}
if (wrote) copyFileSync("prisma/schema.prisma", SNAPSHOT);
