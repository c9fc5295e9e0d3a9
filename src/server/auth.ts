import { timingSafeEqual, createHash } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { HttpProblem } from "./errors.ts";

/** The credentials of `Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 9110, 11.1). */
function bearerToken(header: string | undefined): string {
  return /^bearer[ \t]+(.*?)[ \t]*$/i.exec(header ?? "")?.[1] ?? "";
}

/** True when `token` is `expected`; digests make the comparison take the same time whatever the guess. */
function sameToken(token: string, expected: Buffer): boolean {
  return token.length > 0 && timingSafeEqual(digest(token), expected);
}

/** Bearer auth for /api/*. With no API_TOKEN configured the API stays closed rather than open. */
export function createBearerAuth(apiToken: string | undefined) {
  const expected = apiToken ? digest(apiToken) : undefined;
  return async (request: FastifyRequest) => {
    if (!expected) throw new HttpProblem(403, "api_disabled", "the API is disabled until API_TOKEN is set");
    if (!sameToken(bearerToken(request.headers.authorization), expected)) {
      throw new HttpProblem(401, "unauthorized", "send Authorization: Bearer <API_TOKEN>");
    }
  };
}

/** /metrics: open while METRICS_TOKEN is unset (PRODUCT.md), else `Authorization: Bearer $METRICS_TOKEN`. */
export function createMetricsAuth(metricsToken: string | undefined) {
  const expected = metricsToken ? digest(metricsToken) : undefined;
  return async (request: FastifyRequest) => {
    if (expected && !sameToken(bearerToken(request.headers.authorization), expected)) {
      throw new HttpProblem(401, "unauthorized", "send Authorization: Bearer <METRICS_TOKEN>");
    }
  };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
