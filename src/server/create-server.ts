// The HTTP side: the CMS API under /api (bearer token), the editors' console at /app (Telegram launch data or a
// login-link session), Telegram's webhook, health and metrics.
import path from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { webhookCallback, type Bot } from "grammy";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { Clock } from "../clock.ts";
import type { Metrics } from "../metrics.ts";
import type { Services } from "../services.ts";
import type { Database } from "../db/create-database.ts";
import type { BotContext } from "../bot/context.ts";
import { createBearerAuth, createMetricsAuth } from "./auth.ts";
import { acceptEmptyJsonBodies } from "./json-body.ts";
import { createErrorHandler, HttpProblem } from "./errors.ts";
import { articleRoutes } from "./routes/articles.ts";
import { pollRoutes } from "./routes/polls.ts";
import { tipRoutes } from "./routes/tips.ts";
import { broadcastRoutes } from "./routes/broadcasts.ts";
import { consoleRoutes } from "./routes/console/index.ts";
import type { ReadersSource } from "./routes/console/readers.ts";
import type { Translate } from "../i18n.ts";
import { createEditorCheck } from "../console/editor-check.ts";

export interface RouteDeps {
  config: Config;
  services: Services;
  clock: Clock;
  logger: Logger;
}

export interface ServerDeps extends RouteDeps {
  metrics: Metrics;
  db: Database;
  bot: Bot<BotContext>;
  /** readiness: false while starting or stopping */
  ready: () => boolean;
  translate: Translate;
  /** when a scheduled job runs next (the console's feed health) */
  nextJobRun?: (name: string) => Date | null;
  /** the console's Readers tab: subscriber figures and broadcasts (routes/console/readers.ts) */
  readers?: ReadersSource;
}

export async function createServer(deps: ServerDeps): Promise<FastifyInstance> {
  // An externalId may be 200 characters, each up to 12 once percent-encoded: Fastify's default of 100
  // would answer 414 to a GET of an id that POST accepted.
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, trustProxy: true, routerOptions: { maxParamLength: 2400 } });
  app.setErrorHandler(createErrorHandler(deps.logger));
  acceptEmptyJsonBodies(app);
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: "not_found", message: `no route ${request.method} ${request.url.split("?")[0]}` }));
  app.addHook("onResponse", async (request, reply) => {
    deps.metrics.httpRequests.inc({ route: request.routeOptions.url ?? "unknown", status: String(reply.statusCode) });
  });

  app.get("/healthz", async (_request, reply) => {
    const database = await deps.db.$queryRawUnsafe("SELECT 1").then(() => "ok", () => "down");
    const ok = database === "ok" && deps.ready();
    return reply.code(ok ? 200 : 503).send({ status: ok ? "ok" : "unavailable", database, ready: deps.ready() });
  });

  app.get("/metrics", { onRequest: createMetricsAuth(deps.config.metricsToken) }, async (_request, reply) => {
    return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  if (deps.config.updates.kind === "webhook") {
    // grammY checks X-Telegram-Bot-Api-Secret-Token against the secret and answers 401 otherwise.
    const handle = webhookCallback(deps.bot, "fastify", { secretToken: deps.config.updates.secret, onTimeout: "return" });
    // An empty or non-object body (possible now that empty JSON bodies are accepted) is no update: a 400,
    // not a crash inside grammY.
    const isUpdate = async (request: { body: unknown }) => {
      if (typeof request.body !== "object" || request.body === null) throw new HttpProblem(400, "bad_update", "a Telegram update is a JSON object");
    };
    app.post("/telegram/webhook", { preHandler: isUpdate }, handle);
  }

  await app.register(consoleRoutes({
    ...deps, api: deps.bot.api, sessions: deps.services.consoleSessions,
    isEditor: createEditorCheck({ api: deps.bot.api, editorChatId: deps.config.editorChatId, adminIds: deps.config.adminIds, clock: deps.clock, logger: deps.logger }),
    nextJobRun: deps.nextJobRun ?? (() => null), webRoot: path.resolve("web/dist"), botUsername: () => deps.bot.botInfo.username,
  }));

  await app.register(async (api) => {
    api.addHook("onRequest", createBearerAuth(deps.config.apiToken));
    await api.register(articleRoutes(deps));
    await api.register(pollRoutes(deps));
    await api.register(tipRoutes(deps));
    await api.register(broadcastRoutes(deps));
  });
  return app;
}
