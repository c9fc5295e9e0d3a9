// Boots the whole app against the fake Bot API and a fresh database, as a newsroom would run it.
import { Writable } from "node:stream";
import pino from "pino";
import { parseConfig, type Config } from "../../src/config.ts";
import { createApp, type App, type AppOptions } from "../../src/app.ts";
import { createLogger, logSecrets, type Logger } from "../../src/logger.ts";
import type { Clock } from "../../src/clock.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";
import { startFakeTelegram, type FakeTelegram } from "./fake-telegram/index.ts";

export const API_TOKEN = "test-api-token-0123456789";
export const EDITOR_CHAT_ID = -1001000000001;

export interface TestApp {
  app: App;
  fake: FakeTelegram;
  database: TestDatabase;
  config: Config;
  /** every log line the app wrote, parsed */
  logs: Array<Record<string, unknown>>;
  /** raw log text (to assert that secrets never appear) */
  logText(): string;
  /** calls the HTTP API in-process with the bearer token */
  api(method: "GET" | "POST" | "PUT" | "DELETE", url: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** stops the app but keeps the database and the fake Telegram (for restart tests) */
  stopApp(): Promise<void>;
  /** a new app on the same database and fake Telegram */
  restart(overrides?: Partial<TestAppOptions>): Promise<TestApp>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string | undefined>;
  clock?: Clock;
  /** reuse (restart tests) */
  fake?: FakeTelegram;
  database?: TestDatabase;
  app?: Partial<AppOptions>;
  start?: boolean;
}

export function memoryLogger(lines: string[], level = "debug", secrets: string[] = ["123456:TEST-TOKEN", API_TOKEN]): Logger {
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return createLogger({ level, destination: destination as unknown as pino.DestinationStream, secrets });
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const fake = options.fake ?? (await startFakeTelegram());
  const database = options.database ?? (await createTestDatabase());
  const config = parseConfig({
    BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    DATABASE_URL: database.url,
    HTTP_HOST: "127.0.0.1",
    HTTP_PORT: "0",
    API_TOKEN,
    EDITOR_CHAT_ID: String(EDITOR_CHAT_ID),
    QUIET_HOURS: "off",
    LOG_LEVEL: "debug",
    // The fake Telegram does not rate-limit unless a test asks it to; neither do we, unless asked.
    CHAT_MESSAGES_PER_SECOND: "100000",
    GROUP_MESSAGES_PER_MINUTE: "100000",
    GLOBAL_MESSAGES_PER_SECOND: "100000",
    BROADCAST_PER_SECOND: "1000",
    ...options.env,
  });
  const lines: string[] = [];
  const app = await createApp({
    config,
    // Every secret of this configuration, as main.ts passes them.
    logger: memoryLogger(lines, "debug", logSecrets(config)),
    clock: options.clock,
    scheduler: false,
    worker: { idlePollMs: 50 },
    ...options.app,
  });
  if (options.start ?? true) await app.start();

  let stopped = false;
  const handle: TestApp = {
    app, fake, database, config,
    get logs() {
      return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    logText: () => lines.join(""),
    async api(method, url, body) {
      const response = await app.server.inject({
        method, url,
        headers: { authorization: `Bearer ${API_TOKEN}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
        payload: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
    },
    async stopApp() {
      stopped = true;
      await app.stop();
    },
    // A restart stops the running app first: one process per SQLite file (src/db/sqlite-lock.ts).
    async restart(overrides = {}) {
      if (!stopped) await handle.stopApp();
      return startTestApp({ ...options, ...overrides, fake, database });
    },
    async close() {
      await app.stop().catch(() => undefined);
      await database.destroy();
      if (!options.fake) await fake.close();
    },
  };
  return handle;
}
