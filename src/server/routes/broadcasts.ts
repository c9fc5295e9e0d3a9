// /api/broadcasts: an announcement to readers (202, sent in the background), its progress, its cancellation;
// /api/subscribers/stats: the figures. The same services as the editors' commands in the bot.
import type { FastifyInstance } from "fastify";
import type { RouteDeps } from "../create-server.ts";
import { BroadcastNotFoundError, BroadcastStateError, type BroadcastProgress } from "../../broadcasts/broadcast-types.ts";
import { HttpProblem, notFound } from "../errors.ts";

type ById = { Params: { id: string } };

/** `:id` is our numeric id: digits only, within a database integer. */
function broadcastId(raw: string): number {
  const id = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) {
    throw new HttpProblem(400, "validation_failed", "some fields are invalid", { id: "must be a broadcast id (a positive integer)" });
  }
  return id;
}

export function progressView(p: BroadcastProgress) {
  return {
    id: p.id, kind: p.kind, status: p.status, total: p.total, sent: p.sent, blocked: p.blocked, failed: p.failed,
    skipped: p.skipped, pending: p.pending, createdAt: p.createdAt, startedAt: p.startedAt, finishedAt: p.finishedAt,
  };
}

export function broadcastRoutes(deps: RouteDeps) {
  const broadcasts = deps.services.broadcasts;

  const found = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof BroadcastNotFoundError) throw notFound("broadcast");
      if (error instanceof BroadcastStateError) throw new HttpProblem(409, "conflict", error.message);
      throw error;
    }
  };

  return async (app: FastifyInstance) => {
    // Calls that need no body (cancel) come with or without Content-Type: application/json and an empty
    // body; Fastify's own parser refuses that. Scoped to these routes.
    app.removeContentTypeParser("application/json");
    app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
      const text = String(body);
      if (text.trim() === "") return done(null, undefined);
      try {
        done(null, JSON.parse(text));
      } catch {
        done(Object.assign(new Error("the body is not valid JSON"), { statusCode: 400, code: "invalid_json" }), undefined);
      }
    });

    app.get("/api/subscribers/stats", () => deps.services.subscribers.stats());

    app.post("/api/broadcasts", async (request, reply) => {
      const broadcast = await broadcasts.announce(request.body, "api");
      return reply.code(202).send({ id: broadcast.id, status: broadcast.status });
    });

    app.get<ById>("/api/broadcasts/:id", (request) => found(async () => progressView(await broadcasts.progress(broadcastId(request.params.id)))));

    app.post<ById>("/api/broadcasts/:id/cancel", (request) => found(async () => progressView(await broadcasts.cancel(broadcastId(request.params.id)))));
  };
}
