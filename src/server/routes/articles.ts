// /api/articles: the CMS pushes articles here and reads back where each one is in Telegram.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Services } from "../../services.ts";
import type { Clock } from "../../clock.ts";
import type { Config } from "../../config.ts";
import type { ArticleWithDeliveries } from "../../articles/article-repository.ts";
import { ArticleNotFoundError } from "../../articles/article-service.ts";
import { fieldErrors } from "../../articles/article-input.ts";
import { MAX_ID } from "../../db/ids.ts";
import { HttpProblem, notFound } from "../errors.ts";
import { attachArticlePoll } from "../../polls/article-poll.ts";

const listQuery = z.object({
  limit: z.coerce.number().int().min(1, "must be 1-100").max(100, "must be 1-100").default(20),
  before: z.coerce.number().int().positive("must be an article id from a previous page").max(MAX_ID, "must be an article id from a previous page").optional(),
  status: z.enum(["published", "scheduled", "withdrawn", "archived"], { error: "must be published, scheduled, withdrawn or archived" }).optional(),
});

export function articleRoutes(deps: { services: Services; clock: Clock; config: Pick<Config, "timezone"> }) {
  return async (app: FastifyInstance) => {
    app.post("/api/articles", async (request, reply) => {
      // An optional `poll` goes out right after the article, as a reply to it in each channel.
      const store = () => deps.services.articles.upsert(request.body, "api");
      const result = await attachArticlePoll(deps.services.polls, request.body, store, deps.clock.now(), deps.config.timezone);
      return reply.code(result.created ? 201 : 200).send({
        ...articleView(result.article, deps.clock), changed: result.changed, ...(result.poll ? { poll: result.poll } : {}),
      });
    });

    app.get<{ Params: { externalId: string } }>("/api/articles/:externalId", async (request) => {
      const article = await deps.services.articles.get(request.params.externalId);
      if (!article) throw notFound("article");
      return articleView(article, deps.clock);
    });

    app.get("/api/articles", async (request) => {
      const parsed = listQuery.safeParse(request.query);
      if (!parsed.success) throw new HttpProblem(400, "validation_failed", "some query parameters are invalid", fieldErrors(parsed.error));
      const { limit, before, status } = parsed.data;
      // "scheduled" is "published with a publishAt still ahead": filter after the fact, pages stay by id.
      const rows = await deps.services.articles.list({ limit, beforeId: before, status: status === "scheduled" ? "published" : status });
      const items = rows.map((row) => articleView(row, deps.clock)).filter((item) => !status || item.status === status);
      const last = rows.at(-1);
      return { items, nextBefore: rows.length === limit && last ? last.id : null };
    });

    app.delete<{ Params: { externalId: string } }>("/api/articles/:externalId", async (request) => {
      try {
        return articleView(await deps.services.articles.withdraw(request.params.externalId), deps.clock);
      } catch (error) {
        if (error instanceof ArticleNotFoundError) throw notFound("article");
        throw error;
      }
    });
  };
}

export function articleView(article: ArticleWithDeliveries, clock: Clock) {
  const scheduled = article.status === "published" && article.publishAt !== null && article.publishAt > clock.now();
  return {
    id: article.id,
    externalId: article.externalId,
    url: article.url,
    title: article.title,
    lead: article.lead,
    imageUrl: article.imageUrl,
    section: article.section,
    tags: JSON.parse(article.tags) as string[],
    language: article.language,
    author: article.author,
    breaking: article.breaking,
    publishedAt: article.publishedAt,
    publishAt: article.publishAt,
    status: scheduled ? "scheduled" : article.status,
    source: article.source,
    revision: article.revision,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    deliveries: article.deliveries.map((d) => ({
      channel: d.channel.chatId,
      language: d.channel.language,
      channelStatus: d.channel.status,
      state: d.state,
      pendingAction: d.state === "pending" || d.state === "sending" ? d.action : null,
      messageId: d.messageId,
      kind: d.kind,
      revision: d.sentRevision,
      attempts: d.attempts,
      lastError: d.lastError,
      sentAt: d.sentAt,
      dueAt: d.state === "pending" ? d.dueAt : null,
    })),
  };
}
