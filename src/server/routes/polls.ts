// STUB — to be implemented (issue: reader polls).
import type { FastifyInstance } from "fastify";
import type { RouteDeps } from "../create-server.ts";

export function pollRoutes(_deps: RouteDeps) {
  return async (_app: FastifyInstance) => {};
}
