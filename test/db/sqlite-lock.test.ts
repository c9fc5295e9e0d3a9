// SQLite is one process: a second `npm start` on the same file refuses, and the lock dies with its
// holder, kill -9 included. Real processes, a real file.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireSqliteLock, SqliteInUseError } from "../../src/db/sqlite-lock.ts";
import { startFakeTelegram, type FakeTelegram } from "../support/fake-telegram/index.ts";

describe("one process per SQLite file", () => {
  let fake: FakeTelegram;
  const dir = path.resolve(".tmp", "test-db");
  const file = path.join(dir, `lock_${randomBytes(6).toString("hex")}.db`);
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    fake = await startFakeTelegram();
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await fake.close();
  });

  function start(): { child: ChildProcess; output: () => string; running: Promise<void> } {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: {
        PATH: process.env.PATH, BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_URL: `file:${file}`,
        HTTP_HOST: "127.0.0.1", HTTP_PORT: "0", LOG_LEVEL: "info", QUIET_HOURS: "off",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let output = "";
    const running = new Promise<void>((resolve, reject) => {
      const take = (chunk: Buffer) => {
        output += String(chunk);
        if (output.includes("Habarshy is running")) resolve();
      };
      child.stdout!.on("data", take);
      child.stderr!.on("data", take);
      child.on("exit", (code) => reject(new Error(`exited with ${code} before running:\n${output}`)));
    });
    running.catch(() => undefined);
    return { child, output: () => output, running };
  }

  it("refuses a second process on the same file, saying why, and starts again after a kill -9", async () => {
    const first = start();
    await first.running;

    const second = start();
    const outcome = await Promise.race([
      once(second.child, "exit").then(([code]) => `exited with ${String(code)}`),
      second.running.then(() => "running", () => new Promise<string>(() => undefined)),
    ]);
    expect(outcome).toBe("exited with 75");
    expect(second.output()).toContain(`Another Habarshy process is using ${file}`);
    expect(second.output()).toContain("npm run db:copy -- --to postgresql://");
    expect(second.output()).toContain("Scaling out");
    // The refused process did not disturb the one running.
    expect(first.child.exitCode).toBeNull();

    first.child.kill("SIGKILL");
    await once(first.child, "exit");
    const third = start();
    await third.running;
    third.child.kill("SIGTERM");
    const [thirdCode] = (await once(third.child, "exit")) as [number | null];
    expect(thirdCode).toBe(0);
  }, 60_000);

  it("is released by its holder, and refused with a named error while held", async () => {
    const other = path.join(dir, `lock_${randomBytes(6).toString("hex")}.db`);
    const lock = await acquireSqliteLock(other);
    await expect(acquireSqliteLock(other)).rejects.toBeInstanceOf(SqliteInUseError);
    lock.release();
    const again = await acquireSqliteLock(other);
    again.release();
  });
});
