// Builds every part from a Config and starts/stops them in order. main.ts runs it for real; tests and
// benchmarks run it against a fake Telegram and a throwaway database.
import { Api, type Bot } from "grammy";
import type { FastifyInstance } from "fastify";
import type { UserFromGetMe } from "grammy/types";
import type { Config } from "./config.ts";
import { createLogger, logSecrets, type Logger } from "./logger.ts";
import { systemClock, type Clock } from "./clock.ts";
import { createMetrics, type Metrics } from "./metrics.ts";
import { createDatabase, type DatabaseHandle } from "./db/create-database.ts";
import { createArticleService } from "./articles/article-service.ts";
import { createChannelService } from "./channels/channel-service.ts";
import { createUserService } from "./users/user-service.ts";
import { createPollService } from "./polls/poll-service.ts";
import { createPollWorker } from "./polls/poll-worker.ts";
import { createTipService } from "./tips/tip-service.ts";
import { createTipDesk } from "./tips/tip-desk.ts";
import { createTipActions } from "./tips/tip-actions.ts";
import { createConsoleSessions } from "./console/console-sessions.ts";
import { createFeedService } from "./feeds/feed-service.ts";
import { createSubscriberService } from "./subscribers/subscriber-service.ts";
import { createPrivacyService } from "./privacy/privacy-service.ts";
import { createBroadcastRepository } from "./broadcasts/broadcast-repository.ts";
import { createBroadcastService } from "./broadcasts/broadcast-service.ts";
import { createBroadcastEngine, type BroadcastEngine } from "./broadcasts/broadcast-engine.ts";
import { createContent } from "./broadcasts/broadcast-content.ts";
import { createDigestRepository } from "./broadcasts/digest-repository.ts";
import type { Services } from "./services.ts";
import { createBot, ALLOWED_UPDATES, installApiPlugins } from "./bot/create-bot.ts";
import { registerCommands } from "./bot/commands.ts";
import { setConsoleMenuButtons } from "./bot/features/console.ts";
import { createLocaleNegotiator } from "./bot/locale.ts";
import type { BotContext } from "./bot/context.ts";
import { createI18n, type Translate } from "./i18n.ts";
import { createRateLimiter } from "./delivery/rate-limiter.ts";
import { createDeliveryWorker, type DeliveryWorker } from "./publishing/delivery-worker.ts";
import { createEditorNotifier } from "./delivery/editor-notifier.ts";
import { createDeliveryRepository } from "./publishing/delivery-repository.ts";
import { createServer } from "./server/create-server.ts";
import { startScheduler, type Scheduler } from "./scheduler/start-scheduler.ts";
import { createJobs } from "./scheduler/jobs.ts";
import { createJobRuns } from "./scheduler/job-runs.ts";
import { createReadersSource } from "./server/routes/console/readers.ts";
import { createCluster, type Cluster } from "./cluster/cluster.ts";
import { acquireSqliteLock, type SqliteLock } from "./db/sqlite-lock.ts";
import { sqlitePath, providerOf } from "./db/provider.ts";
import { startUpdateConsumer, type UpdateConsumer, type UpdateConsumerOptions } from "./updates/update-consumer.ts";
import { createHandledUpdates } from "./updates/handled-updates.ts";
import { createChatLocks, type ChatLocks } from "./updates/chat-lock.ts";

export interface AppOptions {
  config: Config;
  logger?: Logger;
  clock?: Clock;
  /** skip getMe at start (benchmarks of a known bot) */
  botInfo?: UserFromGetMe;
  /** broadcast engine tuning (tests, benchmarks) */
  broadcasts?: { concurrency?: number; batchSize?: number; sliceMs?: number; idlePollMs?: number; recoveryMs?: number };
  /** start the cron jobs (tests usually drive jobs with runJob) */
  scheduler?: boolean;
  /** receive updates (long polling or webhook registration) */
  receiveUpdates?: boolean;
  worker?: { recoveryMs?: number; probeDepth?: number; idlePollMs?: number };
  /** long-polling tuning (tests): how often a standby tries the updates lease, the long-poll timeout */
  updates?: Pick<UpdateConsumerOptions, "leaseRetryMs" | "pollTimeoutSeconds" | "conflictRetryMs">;
  defaultMetrics?: boolean;
}

export interface App {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  database: DatabaseHandle;
  /** this instance among the others on the same PostgreSQL (alone on SQLite) */
  cluster: Cluster;
  services: Services;
  bot: Bot<BotContext>;
  server: FastifyInstance;
  worker: DeliveryWorker;
  broadcaster: BroadcastEngine;
  translate: Translate;
  /** jobs by name, whether or not the scheduler runs them on their own */
  runJob(name: string): Promise<void>;
  /** address the HTTP server listens on, after start() */
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets: logSecrets(config) });
  const clock = options.clock ?? systemClock;
  const metrics = createMetrics({ defaults: options.defaultMetrics });
  // One process per SQLite file (db/sqlite-lock.ts), taken before anything touches the file.
  const sqliteFile = providerOf(config.databaseUrl) === "sqlite" ? sqlitePath(config.databaseUrl) : ":memory:";
  const sqliteLock: SqliteLock | undefined = sqliteFile === ":memory:" ? undefined : await acquireSqliteLock(sqliteFile);
  const database = await createDatabase({ url: config.databaseUrl, logger, migrate: true }).catch((error: unknown) => {
    sqliteLock?.release();
    throw error;
  });
  const { db } = database;
  const cluster = await createCluster({ url: config.databaseUrl, provider: database.provider, logger });
  metrics.countPendingWith(createDeliveryRepository(db).countPending);

  const i18n = createI18n<BotContext>({ defaultLocale: config.defaultLocale, localeNegotiator: createLocaleNegotiator(config.defaultLocale) });
  const translate: Translate = (locale, key, variables) => i18n.t(locale, key, variables);
  // Several instances on PostgreSQL share Telegram's limits through the database; SQLite keeps them in memory.
  const limiter = createRateLimiter({ ...config.limits, readers: config.broadcast }, Date.now, cluster.shared ? { query: cluster.query, logger } : undefined);

  const broadcastRepo = createBroadcastRepository(db, database.provider);
  const content = createContent({
    digests: createDigestRepository(db), translate, timezone: config.timezone, utm: config.utmTags, defaultLocale: config.defaultLocale,
  });
  const broadcasts = createBroadcastService({
    db, repo: broadcastRepo, content, clock, logger, timezone: config.timezone, digestMinute: config.digestTime.minute, defaultLocale: config.defaultLocale,
  });

  // The workers are built after the services that wake them; nothing calls onOutbox before start().
  const onOutbox = () => {
    worker.wake();
    broadcaster.wake();
  };
  const articles = createArticleService({
    db, clock, logger, defaultLocale: config.defaultLocale, timeZone: config.timezone, onOutbox,
    hooks: { afterStore: broadcasts.alertFor, afterWithdraw: broadcasts.withdrawAlerts },
  });
  const users = createUserService({ db });
  const tips = createTipService({ db, clock, logger, draftTtlMinutes: config.tipConversationTtlMinutes, instance: cluster });
  // Cards and notices are sent in a language other than an update's (the desk's, the citizen's).
  const tipDesk = createTipDesk({ tips, translate, locale: config.defaultLocale, editorChatId: config.editorChatId, logger });
  const services: Services = {
    articles,
    channels: createChannelService({ db, onOutbox }),
    users,
    polls: createPollService({ db, clock, logger, defaultLocale: config.defaultLocale, timeZone: config.timezone, onOutbox }),
    tips,
    tipDesk,
    tipActions: createTipActions({ tips, users, articles, desk: tipDesk, logger }),
    consoleSessions: createConsoleSessions({ db, clock }),
    feeds: createFeedService({ db, clock, logger, articles, defaultLocale: config.defaultLocale, metrics }),
    subscribers: createSubscriberService({ db, clock, defaultDigestHour: config.digestTime.hour }),
    broadcasts,
    privacy: createPrivacyService({ db, logger }),
  };

  // Several instances: webhook updates of one chat wait for each other across instances (chat-lock.ts),
  // and an update redelivered after a failover is not handled again (handled-updates.ts).
  const chatLocks: ChatLocks | undefined = cluster.shared && config.updates.kind === "webhook"
    ? await createChatLocks({ url: config.databaseUrl, logger }) : undefined;
  const handledUpdates = cluster.shared ? createHandledUpdates({ db, logger }) : undefined;
  const bot = createBot({
    config, logger, clock, metrics, services, db, limiter, i18n, translate, botInfo: options.botInfo,
    gates: [chatLocks?.middleware, handledUpdates?.middleware].filter((gate) => gate !== undefined),
  });
  const notifier = createEditorNotifier({ api: bot.api, editorChatId: config.editorChatId, locale: config.defaultLocale, translate, logger });
  const worker = createDeliveryWorker({
    db, api: bot.api, clock, logger, metrics, translate, notifier, limiter,
    timezone: config.timezone, quietHours: config.quietHours,
    instance: cluster, ...options.worker,
  });
  // Readers' broadcasts go through an Api of their own: the same limiter, in the readers' lane.
  const readersApi = new Api(config.botToken, { apiRoot: config.telegramApiRoot });
  installApiPlugins(readersApi, limiter, "readers");
  const broadcaster = createBroadcastEngine({
    repo: broadcastRepo, content, api: readersApi, clock, logger, metrics, paid: config.broadcast.paid, perSecond: limiter.readersPerSecond,
    instance: cluster, ...options.broadcasts,
    onFinished: (broadcast) => {
      if (broadcast.kind === "announcement") void notifier.notify("broadcast-finished-notice", { id: broadcast.id });
    },
  });
  broadcasts.attachRunner(broadcaster);
  const pollWorker = createPollWorker({
    db, api: bot.api, clock, logger, translate, notifier, limiter, polls: services.polls,
    instance: cluster, ...options.worker,
  });

  let ready = false;
  const server = await createServer({
    config, services, clock, logger, metrics, db, bot, translate, ready: () => ready, nextJobRun: (name) => scheduler?.nextRun(name) ?? null,
    readers: createReadersSource(services),
  });
  const jobs = createJobs({ config, services });
  let scheduler: Scheduler | undefined;
  let consumer: UpdateConsumer | undefined;

  const app: App = {
    config, logger, metrics, database, cluster, services, bot, server, worker, broadcaster, translate, url: "",
    runJob: (name) => {
      const job = jobs.find((j) => j.name === name);
      return job ? job.run() : Promise.reject(new Error(`no job named ${name}`));
    },
    async start() {
      await services.channels.seed(config.channels);
      await services.feeds.seed(config.feeds);
      await bot.init();
      // The command menu is a convenience: a refusal here must not keep the newsroom offline.
      await registerCommands(bot.api, translate, { defaultLocale: config.defaultLocale, editorChatId: config.editorChatId })
        .catch((error) => logger.warn({ err: error }, "could not register the command menu"));
      await setConsoleMenuButtons(bot.api, config, translate, logger);
      app.url = await server.listen({ host: config.http.host, port: config.http.port });
      await worker.start();
      await pollWorker.start();
      await broadcaster.start();
      if (options.scheduler ?? true) scheduler = startScheduler({ jobs, logger, timezone: config.timezone, cluster, runs: createJobRuns(db) });
      if (options.receiveUpdates ?? true) {
        if (config.updates.kind === "webhook") {
          await bot.api.setWebhook(config.updates.url, { secret_token: config.updates.secret, allowed_updates: [...ALLOWED_UPDATES] });
        } else {
          await bot.api.deleteWebhook();
          consumer = await startUpdateConsumer({
            bot, cluster, logger, allowedUpdates: ALLOWED_UPDATES, onFreshFrom: handledUpdates?.lookUpTo, ...options.updates,
          });
        }
        handledUpdates?.startPruning();
      }
      ready = true;
      logger.info({ url: app.url, bot: bot.botInfo.username, mode: config.updates.kind, database: database.provider, instance: cluster.id }, "Habarshy is running");
    },
    async stop() {
      ready = false;
      await consumer?.stop();
      handledUpdates?.stopPruning();
      await scheduler?.stop();
      await worker.stop();
      await broadcaster.stop();
      // A tip card being posted right now is recorded before the store closes (else it is posted again
      // after the restart). A card still waiting for the group's rate budget is not worth holding up a
      // shutdown for: it has not been sent, and the post-tip-cards job sends it after the restart.
      await Promise.race([
        Promise.all([services.tips.whenDeskIdle(), services.tipActions.idle()]), new Promise((resolve) => setTimeout(resolve, 5000).unref()),
      ]);
      await pollWorker.stop();
      await server.close();
      await chatLocks?.close();
      await cluster.close();
      await database.close();
      sqliteLock?.release();
      logger.info("Habarshy stopped");
    },
  };
  return app;
}
