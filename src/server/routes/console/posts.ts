// Posts: the newest articles with each channel's delivery state and a link to the message, the post as
// Telegram shows it (rendered by the same function the delivery worker sends), retry of what failed, and
// withdrawal. Articles are addressed by their internal id here.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { fieldErrors } from "../../../articles/article-input.ts";
import type { ArticleWithDeliveries } from "../../../articles/article-repository.ts";
import { renderArticle } from "../../../publishing/render-post.ts";
import { deliveryView } from "../../../console/delivery-view.ts";
import { HttpProblem, notFound } from "../../errors.ts";
import type { ConsoleDeps } from "./context.ts";

const listQuery = z.object({
  limit: z.coerce.number().int().min(1, "must be 1-100").max(100, "must be 1-100").default(30),
  before: z.coerce.number().int().positive("must be an article id from a previous page").optional(),
});

type ById = { Params: { id: string } };

export function consolePostRoutes(deps: ConsoleDeps) {
  const articles = deps.services.articles;

  async function byId(raw: string): Promise<ArticleWithDeliveries> {
    const article = /^\d{1,9}$/.test(raw) ? await articles.byId(Number(raw)) : null;
    if (!article) throw notFound("article");
    return article;
  }

  const view = (article: ArticleWithDeliveries) => {
    const now = deps.clock.now();
    return {
      id: article.id,
      externalId: article.externalId,
      title: article.title,
      url: article.url,
      status: article.status === "published" && article.publishAt && article.publishAt > now ? "scheduled" : article.status,
      source: article.source,
      language: article.language,
      breaking: article.breaking,
      publishAt: article.publishAt,
      createdAt: article.createdAt,
      tipId: article.tipId,
      deliveries: article.deliveries.map((d) => deliveryView(d, article, now)),
    };
  };

  return async (app: FastifyInstance) => {
    app.get("/app/api/articles", async (request) => {
      const parsed = listQuery.safeParse(request.query);
      if (!parsed.success) throw new HttpProblem(400, "validation_failed", "some query parameters are invalid", fieldErrors(parsed.error));
      const rows = await articles.list({ limit: parsed.data.limit, beforeId: parsed.data.before });
      const last = rows.at(-1);
      return { items: rows.map(view), nextBefore: rows.length === parsed.data.limit && last ? last.id : null };
    });

    app.get<ById>("/app/api/articles/:id", async (request) => view(await byId(request.params.id)));

    /** The post per language it goes out in: exactly what the delivery worker would send now. */
    app.get<ById>("/app/api/articles/:id/preview", async (request) => {
      const article = await byId(request.params.id);
      const languages = [...new Set([article.language, ...article.deliveries.map((d) => d.channel.language)])];
      return {
        posts: languages.map((language) => {
          const post = renderArticle(article, language, deps.translate);
          const button = post.keyboard.inline_keyboard[0]?.[0];
          return {
            language, kind: post.kind, html: post.html,
            imageUrl: post.kind === "photo" ? post.imageUrl : post.previewUrl,
            button: button && "url" in button ? { text: button.text, url: button.url } : null,
          };
        }),
      };
    });

    /** Sends again where the post failed or is missing (the editors' "publish now"). */
    app.post<ById>("/app/api/articles/:id/retry", async (request) => {
      const article = await byId(request.params.id);
      if (article.status === "draft") throw new HttpProblem(409, "draft", "a draft is published from its tip");
      return view(await articles.republish(article.externalId));
    });

    app.post<ById>("/app/api/articles/:id/withdraw", async (request) => {
      const article = await byId(request.params.id);
      if (article.status === "draft") throw new HttpProblem(409, "draft", "a draft has nothing in Telegram to withdraw");
      return view(await articles.withdraw(article.externalId));
    });
  };
}
