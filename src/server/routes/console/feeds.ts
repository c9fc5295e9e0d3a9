// Feeds and channels: each feed's health (last success, last error in plain words, next poll, items taken)
// and the editor's add / pause / resume / remove, which take effect on the next poll in every instance and
// survive restarts; the channels with their state (bot removed, migrated) and language.
import type { FastifyInstance } from "fastify";
import type { FeedRow } from "../../../feeds/feed-repository.ts";
import { FeedInputError } from "../../../feeds/feed-service.ts";
import { HttpProblem, notFound } from "../../errors.ts";
import type { ConsoleDeps } from "./context.ts";

const STATUS_OF = { pause: "paused", resume: "active", remove: "removed" } as const;

export function consoleFeedRoutes(deps: ConsoleDeps) {
  const { feeds, channels } = deps.services;

  const view = (feed: FeedRow, counts: { posted: number; archived: number } | undefined) => {
    const polled = feeds.isPolled(feed);
    const cron = deps.nextJobRun("poll-feeds");
    // A failing feed waits out its backoff; the poll after that is the first cron run past it.
    const nextPollAt = !polled || !cron ? null : feed.nextPollAt && feed.nextPollAt > cron ? feed.nextPollAt : cron;
    return {
      id: feed.id, url: feed.url, title: feed.title, language: feed.language,
      status: feed.status, origin: feed.origin, polled,
      lastSuccessAt: feed.lastSuccessAt, lastPolledAt: feed.lastPolledAt, lastError: feed.lastError, errorCount: feed.errorCount,
      backoffUntil: feed.nextPollAt, nextPollAt, itemsInFeed: feed.itemCount,
      posted: counts?.posted ?? 0, archived: counts?.archived ?? 0,
    };
  };

  async function all() {
    const [rows, counts] = await Promise.all([feeds.list(), feeds.articleCounts()]);
    return rows.filter((feed) => feed.status !== "removed").map((feed) => view(feed, counts.get(feed.id)));
  }

  return async (app: FastifyInstance) => {
    app.get("/app/api/feeds", async () => ({ items: await all() }));

    app.post("/app/api/feeds", async (request, reply) => {
      try {
        const feed = await feeds.add((request.body as { url?: unknown } | undefined)?.url);
        return reply.code(201).send(view(feed, (await feeds.articleCounts()).get(feed.id)));
      } catch (error) {
        if (error instanceof FeedInputError) throw new HttpProblem(400, "validation_failed", "some fields are invalid", { [error.field]: error.message });
        throw error;
      }
    });

    app.post<{ Params: { id: string; action: string } }>("/app/api/feeds/:id/:action", async (request) => {
      const status = STATUS_OF[request.params.action as keyof typeof STATUS_OF];
      if (!status || !/^\d{1,9}$/.test(request.params.id)) throw notFound("feed action");
      const feed = await feeds.setStatus(Number(request.params.id), status);
      if (!feed) throw notFound("feed");
      return view(feed, (await feeds.articleCounts()).get(feed.id));
    });

    app.get("/app/api/channels", async () => ({
      items: (await channels.list()).map((c) => ({
        id: c.id, chatId: c.chatId, title: c.title, language: c.language, status: c.status, lastError: c.lastError,
      })),
    }));
  };
}
