// The editors' console at /app/: the built web app (web/dist), the login-link pages, and its JSON API
// under /app/api, every call authenticated (auth.ts). The API calls the same services as the bot and /api.
import { existsSync } from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import fastifyStatic from "@fastify/static";
import { createConsoleAuth } from "./auth.ts";
import type { ConsoleDeps } from "./context.ts";
import { consoleLoginRoutes, consoleMeRoutes } from "./login.ts";
import { consoleTipRoutes } from "./tips.ts";
import { consolePostRoutes } from "./posts.ts";
import { consolePollRoutes } from "./polls.ts";
import { consoleFeedRoutes } from "./feeds.ts";
import { consoleReaderRoutes } from "./readers.ts";

export type { ConsoleDeps } from "./context.ts";

// Telegram Web opens Mini Apps in an iframe on web.telegram.org; the apps open them in a web view.
const CSP = [
  "default-src 'self'", "img-src 'self' data: blob: https:", "media-src 'self' blob:", "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'self' https://web.telegram.org",
].join("; ");

export function consoleRoutes(deps: ConsoleDeps & { botUsername: () => string }) {
  return async (app: FastifyInstance) => {
    await app.register(consoleLoginRoutes(deps));

    await app.register(async (api) => {
      api.addHook("onRequest", createConsoleAuth(deps));
      api.addHook("onSend", async (_request, reply) => {
        reply.header("cache-control", reply.getHeader("cache-control") ?? "no-store");
      });
      await api.register(consoleMeRoutes(deps));
      await api.register(consoleTipRoutes(deps));
      await api.register(consolePostRoutes(deps));
      await api.register(consolePollRoutes(deps));
      await api.register(consoleFeedRoutes(deps));
      await api.register(consoleReaderRoutes(deps));
      // An unknown /app/api path is a 404 in JSON, after the auth check like everything else here.
      api.all("/app/api/*", async (_request, reply) => reply.code(404).send({ error: "not_found", message: "no such console route" }));
    });

    app.get("/app", async (_request, reply) => reply.redirect("/app/"));
    if (!existsSync(path.join(deps.webRoot, "index.html"))) {
      deps.logger.warn({ webRoot: deps.webRoot }, "the console is not built (npm run web:build); /app/ answers 503");
      app.get("/app/*", async (_request, reply) => reply.code(503).type("text/plain; charset=utf-8")
        .send("The editors' console is not built yet: run `npm run web:build` (npm install does it) and restart."));
      return;
    }
    await app.register(fastifyStatic, {
      root: deps.webRoot, prefix: "/app/", index: ["index.html"], decorateReply: false,
      setHeaders(res, file) {
        const immutable = file.includes(`${path.sep}assets${path.sep}`);
        res.header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
        res.header("content-security-policy", CSP);
        res.header("x-content-type-options", "nosniff");
        res.header("referrer-policy", "no-referrer");
      },
    });
  };
}
