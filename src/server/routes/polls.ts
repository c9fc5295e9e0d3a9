// /api/polls: the CMS runs its reader polls in Telegram too and reads back one merged answer.
// `:id` is our numeric id or the CMS's externalId.
import type { FastifyInstance } from "fastify";
import type { Services } from "../../services.ts";
import { PollNotFoundError } from "../../polls/poll-service.ts";
import { pollView } from "../../polls/poll-view.ts";
import { notFound } from "../errors.ts";

type ById = { Params: { id: string } };

export function pollRoutes(deps: { services: Services }) {
  const polls = deps.services.polls;

  /** PollNotFoundError → 404; anything else (ValidationError → 400) goes to the error handler. */
  const found = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof PollNotFoundError) throw notFound("poll");
      throw error;
    }
  };

  return async (app: FastifyInstance) => {
    app.post("/api/polls", async (request, reply) => {
      const { poll, created } = await polls.create(request.body, { createdBy: "api" });
      return reply.code(created ? 201 : 200).send(pollView(poll, await polls.resultsOf(poll)));
    });

    app.get<ById>("/api/polls/:id", (request) => found(async () => {
      const { poll, results } = await polls.report(request.params.id);
      return pollView(poll, results);
    }));

    app.put<ById>("/api/polls/:id/site-votes", (request) => found(async () => {
      const updated = await polls.setSiteVotes(request.params.id, request.body);
      return pollView(updated, await polls.resultsOf(updated));
    }));

    app.post<ById>("/api/polls/:id/close", (request) => found(async () => {
      const closed = await polls.close(request.params.id);
      return pollView(closed, await polls.resultsOf(closed));
    }));
  };
}
