// Production runs the compiled code with plain node (npm run build, then npm run start:prod). This builds
// it as `npm run build` does (into a folder of its own), starts it against the fake Bot API and a fresh
// database, and uses it: /healthz, an article posted to its channel, a clean stop on SIGTERM.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/database.ts";
import { startFakeTelegram, type FakeTelegram } from "./support/fake-telegram/index.ts";

const OUT = path.resolve(".tmp", `build-test-${process.pid}`);
const API_TOKEN = "build-test-api-token-0123";

describe("the production build", () => {
  let fake: FakeTelegram;
  let database: TestDatabase;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    fake = await startFakeTelegram();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await fake.close();
    await database.destroy();
    rmSync(OUT, { recursive: true, force: true });
  });

  it("compiles with tsc and runs with plain node", { timeout: 240_000 }, async () => {
    const script = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;
    expect(script.build).toBe("tsc -p tsconfig.build.json");
    expect(script["start:prod"]).toBe("node --enable-source-maps dist/main.js");
    await promisify(execFile)(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json", "--outDir", OUT], { timeout: 200_000 });
    expect(existsSync(path.join(OUT, "main.js"))).toBe(true);
    // Every relative import points at compiled JavaScript, the Prisma clients' included.
    expect(readFileSync(path.join(OUT, "db", "generated", "sqlite", "client.js"), "utf8")).not.toMatch(/from ["']\.{1,2}\/[^"']+\.ts["']/);

    child = spawn(process.execPath, ["--enable-source-maps", path.join(OUT, "main.js")], {
      env: {
        PATH: process.env.PATH, BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_URL: database.url,
        HTTP_HOST: "127.0.0.1", HTTP_PORT: "0", API_TOKEN, CHANNELS: "@build_news:ru", QUIET_HOURS: "off", LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += String(chunk)));
    const exited = once(child, "exit");
    let url = "";
    for await (const line of createInterface({ input: child.stdout! })) {
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg === "Habarshy is running") {
        url = entry.url!;
        break;
      }
    }
    child.stdout!.resume(); // keep draining the log, or a full pipe would stall the server
    expect(url, stderr).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: "ok", database: "ok", ready: true });
    const created = await fetch(`${url}/api/articles`, {
      method: "POST", headers: { authorization: `Bearer ${API_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ externalId: "build-1", url: "https://ekaraganda.kz/news/build-1", title: "Собрано и запущено" }),
    });
    expect(created.status).toBe(201);
    await fake.waitForCall((c) => c.method === "sendMessage" && c.params.chat_id === "@build_news" && c.response.ok);

    child.kill("SIGTERM");
    const [code] = await exited;
    expect(code, stderr).toBe(0);
  });
});
