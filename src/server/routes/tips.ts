// STUB — to be implemented (issue: news tips).
import type { FastifyInstance } from "fastify";
import type { RouteDeps } from "../create-server.ts";

export function tipRoutes(_deps: RouteDeps) {
  return async (_app: FastifyInstance) => {};
}
