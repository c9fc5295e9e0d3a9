// Entry point of `npm start`: read the environment once, build the app, run until SIGINT/SIGTERM.
import { ConfigError, loadConfig } from "./config.ts";
import { createApp } from "./app.ts";
import { createLogger, logSecrets } from "./logger.ts";
import { SqliteInUseError } from "./db/sqlite-lock.ts";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, secrets: logSecrets(config) });
  const app = await createApp({ config, logger, defaultMetrics: true });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      logger.error("shutdown took longer than 20 s; exiting");
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      await app.stop();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    }
  };
  // Leases live with the control connection: without it this instance could act on work another now owns.
  app.cluster.onLost(() => {
    logger.error("exiting: restart this instance to rejoin the others");
    process.exit(1);
  });
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  await app.start();
}

main().catch((error) => {
  if (error instanceof SqliteInUseError) {
    console.error(error.message);
    process.exit(75); // EX_TEMPFAIL: try again once the other process is gone
  }
  console.error(error);
  process.exit(1);
});
