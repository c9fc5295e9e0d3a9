// Polls: merged results (Telegram + site) per option, and each chat's own counts, for bars the console
// refreshes every few seconds from the store (any instance answers the same); close a poll.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { fieldErrors } from "../../../articles/article-input.ts";
import type { PollWithCopies } from "../../../polls/poll-repository.ts";
import { pollView } from "../../../polls/poll-view.ts";
import { HttpProblem, notFound } from "../../errors.ts";
import type { ConsoleDeps } from "./context.ts";

const listQuery = z.object({
  limit: z.coerce.number().int().min(1, "must be 1-50").max(50, "must be 1-50").default(20),
  before: z.coerce.number().int().positive("must be a poll id from a previous page").optional(),
});

type ById = { Params: { id: string } };

export function consolePollRoutes(deps: ConsoleDeps) {
  const polls = deps.services.polls;

  async function byId(raw: string): Promise<PollWithCopies> {
    const poll = /^\d{1,9}$/.test(raw) ? await polls.byId(Number(raw)) : null;
    if (!poll) throw notFound("poll");
    return poll;
  }

  const view = async (poll: PollWithCopies) => pollView(poll, await polls.resultsOf(poll));

  return async (app: FastifyInstance) => {
    app.get("/app/api/polls", async (request) => {
      const parsed = listQuery.safeParse(request.query);
      if (!parsed.success) throw new HttpProblem(400, "validation_failed", "some query parameters are invalid", fieldErrors(parsed.error));
      const rows = await polls.list({ limit: parsed.data.limit, beforeId: parsed.data.before });
      const last = rows.at(-1);
      return { items: await Promise.all(rows.map(view)), nextBefore: rows.length === parsed.data.limit && last ? last.id : null };
    });

    app.get<ById>("/app/api/polls/:id", async (request) => view(await byId(request.params.id)));

    app.post<ById>("/app/api/polls/:id/close", async (request) => {
      const poll = await byId(request.params.id);
      return view(await polls.close(poll.id));
    });
  };
}
