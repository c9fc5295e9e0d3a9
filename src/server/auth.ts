import { timingSafeEqual, createHash } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { HttpProblem } from "./errors.ts";

/** Bearer auth for /api/*. With no API_TOKEN configured the API stays closed rather than open. */
export function createBearerAuth(apiToken: string | undefined) {
  const expected = apiToken ? digest(apiToken) : undefined;
  return async (request: FastifyRequest) => {
    if (!expected) throw new HttpProblem(403, "api_disabled", "the API is disabled until API_TOKEN is set");
    const header = request.headers.authorization ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
    // Compare digests so the comparison takes the same time whatever the length of the guess.
    if (!token || !timingSafeEqual(digest(token), expected)) {
      throw new HttpProblem(401, "unauthorized", "send Authorization: Bearer <API_TOKEN>");
    }
  };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
