// The tips inbox: the list (newest first, by status and topic), one tip with its thread, its files streamed
// through the bot's getFile (the Telegram file URL carries the token and never leaves this server), and the
// desk's actions, through the same tip actions as the buttons in the editors' group.
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { Readable } from "node:stream";
import { fieldErrors } from "../../../articles/article-input.ts";
import { TIP_STATUSES, TIP_TOPICS, REFERENCE_PATTERN } from "../../../tips/tip-types.ts";
import type { TipRow, TipWithThread } from "../../../tips/tip-repository.ts";
import { TipTransitionError } from "../../../tips/tip-errors.ts";
import { TipNotPublishableError, TipRelayClosedError, TipRelayFailedError } from "../../../tips/tip-actions.ts";
import { HttpProblem, notFound } from "../../errors.ts";
import { truncate } from "../../../text/truncate.ts";
import { editorOf, type ConsoleDeps } from "./context.ts";

const listQuery = z.object({
  limit: z.coerce.number().int().min(1, "must be 1-100").max(100, "must be 1-100").default(50),
  before: z.coerce.number().int().positive("must be a tip id from a previous page").optional(),
  status: z.enum([...TIP_STATUSES, "open"], { error: `must be open or one of ${TIP_STATUSES.join(", ")}` }).optional(),
  topic: z.enum(TIP_TOPICS, { error: `must be one of ${TIP_TOPICS.join(", ")}` }).optional(),
});
const replyBody = z.object({ text: z.string({ error: "is required" }).trim().min(1, "is required").max(3000, "must be at most 3000 characters") });
const CONTENT_TYPES: Record<string, string> = { photo: "image/jpeg", video: "video/mp4", voice: "audio/ogg" };

type ByRef = { Params: { ref: string } };

const invalid = (error: z.ZodError) => new HttpProblem(400, "validation_failed", "some fields are invalid", fieldErrors(error));

export function consoleTipRoutes(deps: ConsoleDeps) {
  const { tips, tipActions: actions, users } = deps.services;

  /** Tips are addressed by their public reference (T-1042): the one the citizen and the card show. */
  async function byRef(ref: string): Promise<TipWithThread> {
    const match = REFERENCE_PATTERN.exec(ref);
    const tip = match && match[0] === ref ? await tips.find(ref) : null;
    if (!tip) throw notFound("tip");
    return tip;
  }

  async function detail(tip: TipWithThread) {
    // Null once the tipster erased their data (/forget): the tip stays, its author is gone.
    const citizen = tip.userId === null ? null : await users.byId(tip.userId);
    return {
      ...summary(tip),
      text: tip.text,
      voice: tip.voiceFileId !== null,
      place: tip.placeText === null && tip.latitude === null ? null : { text: tip.placeText, latitude: tip.latitude, longitude: tip.longitude },
      contactPhone: tip.contactPhone,
      // The citizen's name only when they agreed to be named; otherwise editors see "anonymous".
      authorName: tip.consent === "name" ? citizen?.firstName ?? null : null,
      senderBanned: citizen?.isBanned ?? false,
      senderReachable: citizen?.reachable ?? true,
      files: tip.attachments.map((a, index) => ({ index, kind: a.kind })),
      thread: tip.messages.map((m) => ({ direction: m.direction, text: m.text, hasFile: m.fileId !== null, at: m.createdAt })),
      article: tip.article,
    };
  }

  async function stream(reply: FastifyReply, fileId: string, kind: string) {
    const file = await deps.api.getFile(fileId);
    if (!file.file_path) throw new HttpProblem(404, "not_found", "Telegram no longer has this file");
    const response = await fetch(`${deps.config.telegramApiRoot}/file/bot${deps.config.botToken}/${file.file_path}`);
    if (!response.ok || !response.body) throw new HttpProblem(502, "telegram_unavailable", `Telegram did not give the file (${response.status})`);
    // Documents are whatever the citizen sent (an .html, an .svg): downloaded, never rendered on our origin.
    reply.header("content-type", CONTENT_TYPES[kind] ?? "application/octet-stream").header("x-content-type-options", "nosniff")
      .header("cache-control", "private, max-age=3600");
    if (!CONTENT_TYPES[kind]) reply.header("content-disposition", "attachment");
    const length = response.headers.get("content-length");
    if (length) reply.header("content-length", length);
    return reply.send(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream));
  }

  return async (app: FastifyInstance) => {
    app.get("/app/api/tips", async (request) => {
      const parsed = listQuery.safeParse(request.query);
      if (!parsed.success) throw invalid(parsed.error);
      const { limit, before, status, topic } = parsed.data;
      const rows = await tips.list({ limit, beforeId: before, topic, status: status === "open" ? ["new", "in_progress", "accepted"] : status });
      const last = rows.at(-1);
      return { items: rows.map(summary), nextBefore: rows.length === limit && last ? last.id : null };
    });

    app.get<ByRef>("/app/api/tips/:ref", async (request) => detail(await byRef(request.params.ref)));

    app.get<{ Params: { ref: string; index: string } }>("/app/api/tips/:ref/files/:index", async (request, reply) => {
      const tip = await byRef(request.params.ref);
      const { index } = request.params;
      if (index === "voice") {
        if (!tip.voiceFileId) throw notFound("file");
        return stream(reply, tip.voiceFileId, "voice");
      }
      const attachment = /^\d{1,2}$/.test(index) ? tip.attachments[Number(index)] : undefined;
      if (!attachment) throw notFound("file");
      return stream(reply, attachment.fileId, attachment.kind);
    });

    app.post<{ Params: { ref: string; action: string } }>("/app/api/tips/:ref/:action", async (request) => {
      const action = request.params.action;
      const editor = editorOf(request).name;
      const tip = await byRef(request.params.ref);
      try {
        switch (action) {
          case "accept": return detail((await actions.decide(deps.api, tip.id, "accepted", editor)).tip);
          case "reject": return detail((await actions.decide(deps.api, tip.id, "rejected", editor)).tip);
          case "publish": return detail((await actions.decide(deps.api, tip.id, "published", editor)).tip);
          case "ban": return detail((await actions.ban(deps.api, tip.id, editor)).tip);
          case "unban": return detail((await actions.unban(deps.api, tip.id, editor)).tip);
          case "reply": {
            const parsed = replyBody.safeParse(request.body ?? {});
            if (!parsed.success) throw invalid(parsed.error);
            return detail(await actions.reply(deps.api, tip.id, editor, parsed.data.text));
          }
          case "publish-draft":
            return detail((await actions.publishDraft(deps.api, tip.id, (request.body ?? {}) as Record<string, unknown>, editor)).tip);
          default:
            throw notFound("action");
        }
      } catch (error) {
        if (error instanceof TipTransitionError) throw new HttpProblem(409, "conflict", `the tip is already ${error.from}`);
        if (error instanceof TipRelayClosedError) throw new HttpProblem(409, "relay_closed", error.message);
        if (error instanceof TipNotPublishableError) throw new HttpProblem(409, error.reason, error.message);
        if (error instanceof TipRelayFailedError) throw new HttpProblem(502, "not_delivered", error.message);
        throw error;
      }
    });
  };
}

function summary(tip: TipRow) {
  return {
    id: tip.id,
    reference: tip.reference,
    status: tip.status,
    topic: tip.topic,
    excerpt: truncate(tip.text, 200),
    consent: tip.consent,
    language: tip.language,
    files: tip.attachments.length,
    hasPlace: tip.placeText !== null || tip.latitude !== null,
    hasContact: tip.contactPhone !== null,
    handledBy: tip.handledBy,
    onDesk: tip.cardMessageId !== null,
    createdAt: tip.createdAt,
    updatedAt: tip.updatedAt,
  };
}
