// Generates both Prisma clients (postinstall). Each run gets an explicit DATABASE_URL of its provider:
// without one, Prisma 6 looks for the native query engine and tries to download it, which fails offline.
import { execFileSync } from "node:child_process";

execFileSync("npx", ["tsx", "scripts/sync-schemas.ts"], { stdio: "inherit" });
const clients = [
  { schema: "prisma/schema.prisma", url: "file:./data/habarshy.db" },
  { schema: "prisma/postgresql/schema.prisma", url: "postgresql://generate@localhost/unused" },
];
for (const { schema, url } of clients) {
  execFileSync("npx", ["prisma", "generate", "--schema", schema], { stdio: "inherit", env: { ...process.env, DATABASE_URL: url } });
}
