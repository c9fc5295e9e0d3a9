// Configuration for the Prisma CLI (generate, migrate diff, migrate deploy). The application itself does
// not use the CLI at run time: src/db/migrate.ts applies the same migration files on start.
//
// The CLI runs here with the JavaScript engine and a driver adapter because the native schema engine
// is a download from binaries.prisma.sh, which this machine (and a newsroom's air-gapped server) may
// not reach. See docs/decisions/001-prisma-offline.md.
import path from "node:path";
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL ?? "file:./data/habarshy.db";
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? path.join("prisma", "postgresql", "schema.prisma") : path.join("prisma", "schema.prisma"),
  migrations: {
    path: postgres ? path.join("prisma", "postgresql", "migrations") : path.join("prisma", "migrations"),
  },
  async adapter() {
    if (postgres) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: url });
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url });
  },
});
