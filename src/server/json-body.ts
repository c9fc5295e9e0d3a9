// CMS clients often send `Content-Type: application/json` on every call, with an empty body on the ones
// that need none (DELETE, POST …/close). Fastify's JSON parser answers those 400 FST_ERR_CTP_EMPTY_JSON_BODY;
// PRODUCT.md says they are understood. An empty (or all-whitespace) body is "no body"; anything else goes
// to Fastify's own parser, which keeps its protection against __proto__ and constructor poisoning.
import type { FastifyInstance } from "fastify";

export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    if (String(body).trim() === "") {
      done(null, undefined);
      return;
    }
    void parseJson(request, String(body), done);
  });
}
