// Builds the editors' console (web/ → web/dist) with Vite. `npm install` runs it (postinstall), `npm start`
// and the tests run it with --if-stale: it builds only when web/dist is missing or older than its sources.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { build } from "vite";

const root = path.resolve("web");
const output = path.join(root, "dist", "index.html");

function newestSource(): number {
  const files: string[] = [path.join(root, "index.html"), path.join(root, "vite.config.ts")];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(path.join(root, "src"));
  for (const locale of readdirSync("locales")) files.push(path.join("locales", locale, "console.ftl"));
  return Math.max(...files.filter((file) => existsSync(file)).map((file) => statSync(file).mtimeMs));
}

export async function buildWeb(options: { ifStale?: boolean } = {}): Promise<boolean> {
  if (options.ifStale && existsSync(output) && statSync(output).mtimeMs >= newestSource()) return false;
  await build({ configFile: path.join(root, "vite.config.ts"), logLevel: "warn" });
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const built = await buildWeb({ ifStale: process.argv.includes("--if-stale") });
  console.log(built ? `console built into web/dist in ${Date.now() - started} ms` : "console is up to date (web/dist)");
}
