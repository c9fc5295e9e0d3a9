// /api/tips: the editors' tip inbox for other tools (bearer-protected, editors only, so the contact
// phone is included — it never goes to any channel or log).
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { RouteDeps } from "../create-server.ts";
import { fieldErrors } from "../../articles/article-input.ts";
import { TIP_STATUSES } from "../../tips/tip-types.ts";
import type { TipRow, TipWithThread } from "../../tips/tip-repository.ts";
import { MAX_ID } from "../../db/ids.ts";
import { HttpProblem, notFound } from "../errors.ts";

const listQuery = z.object({
  limit: z.coerce.number().int().min(1, "must be 1-100").max(100, "must be 1-100").default(20),
  before: z.coerce.number().int().positive("must be a tip id from a previous page").max(MAX_ID, "must be a tip id from a previous page").optional(),
  status: z.enum(TIP_STATUSES, { error: `must be one of ${TIP_STATUSES.join(", ")}` }).optional(),
});

export function tipRoutes(deps: RouteDeps) {
  return async (app: FastifyInstance) => {
    app.get("/api/tips", async (request) => {
      const parsed = listQuery.safeParse(request.query);
      if (!parsed.success) throw new HttpProblem(400, "validation_failed", "some query parameters are invalid", fieldErrors(parsed.error));
      const { limit, before, status } = parsed.data;
      const rows = await deps.services.tips.list({ limit, beforeId: before, status });
      const last = rows.at(-1);
      return { items: rows.map(tipView), nextBefore: rows.length === limit && last ? last.id : null };
    });

    /** By id (42) or public reference (T-1042). */
    app.get<{ Params: { id: string } }>("/api/tips/:id", async (request) => {
      const tip = await deps.services.tips.find(request.params.id);
      if (!tip) throw notFound("tip");
      return {
        ...tipView(tip),
        messages: (tip as TipWithThread).messages.map((m) => ({ direction: m.direction, text: m.text, fileId: m.fileId, createdAt: m.createdAt })),
      };
    });
  };
}

export function tipView(tip: TipRow) {
  return {
    id: tip.id,
    reference: tip.reference,
    status: tip.status,
    topic: tip.topic,
    text: tip.text,
    voiceFileId: tip.voiceFileId,
    place: tip.placeText === null && tip.latitude === null ? null : { text: tip.placeText, latitude: tip.latitude, longitude: tip.longitude },
    contactPhone: tip.contactPhone,
    consent: tip.consent,
    language: tip.language,
    attachments: tip.attachments.map((a) => ({ kind: a.kind, fileId: a.fileId })),
    card: tip.cardMessageId ? { chatId: tip.editorChatId, messageId: tip.cardMessageId } : null,
    article: tip.article,
    createdAt: tip.createdAt,
    updatedAt: tip.updatedAt,
  };
}
