// HTTP errors: 4xx say what is wrong (per field for validation), 5xx say nothing but a reference id
// that is also in the log line with the real cause.
import { randomUUID } from "node:crypto";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { ValidationError } from "../articles/article-input.ts";
import type { Logger } from "../logger.ts";

export class HttpProblem extends Error {
  override name = "HttpProblem";
  constructor(readonly status: number, readonly code: string, message: string, readonly fields?: Record<string, string>) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpProblem(404, "not_found", `${what} not found`);

export function createErrorHandler(logger: Logger) {
  return (error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof ValidationError) {
      return reply.code(400).send({ error: "validation_failed", message: "some fields are invalid", fields: error.fields });
    }
    if (error instanceof HttpProblem) {
      return reply.code(error.status).send({ error: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) });
    }
    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      // Fastify's own 4xx: unparsable JSON, body too large, unsupported media type.
      return reply.code(status).send({ error: (error as FastifyError).code ?? "bad_request", message: error.message });
    }
    const id = randomUUID();
    logger.error({ err: error, errorId: id, method: request.method, url: request.url }, "request failed");
    return reply.code(500).send({ error: "internal", message: "something went wrong on our side", errorId: id });
  };
}
