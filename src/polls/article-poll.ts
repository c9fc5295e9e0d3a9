// A poll attached to an article (`poll` on POST /api/articles): posted in the article's channels right
// after the article, as a reply to it (the poll worker waits for the article's delivery in each chat).
import { parseArticleInput, ValidationError } from "../articles/article-input.ts";
import type { ArticleWithDeliveries } from "../articles/article-repository.ts";
import { parsePollInput, PollValidationError } from "./poll-input.ts";
import type { PollService } from "./poll-service.ts";
import { pollView, type PollView } from "./poll-view.ts";

/**
 * Validates `body.poll` before the article is stored (a bad poll must not leave a posted article behind),
 * stores the article with `store`, then creates the poll for it. Idempotent: the poll's externalId
 * defaults to "article:<externalId>", so pushing the article again does not add a second poll.
 * Validation problems of both come back together, the poll's under "poll.".
 */
export async function attachArticlePoll<T extends { article: ArticleWithDeliveries }>(
  polls: PollService, body: unknown, store: () => Promise<T>, now: Date = new Date(), timeZone = "UTC",
): Promise<T & { poll?: PollView }> {
  const raw = (body as { poll?: unknown } | null)?.poll;
  if (raw === undefined || raw === null) return store();
  let pollProblems: Record<string, string> = {};
  try {
    parsePollInput(raw, now, timeZone);
  } catch (error) {
    if (!(error instanceof PollValidationError)) throw error;
    pollProblems = Object.fromEntries(Object.entries(error.fields).map(([field, reason]) => [`poll.${field}`, reason]));
  }
  if (Object.keys(pollProblems).length > 0) {
    let articleProblems: Record<string, string> = {};
    try {
      parseArticleInput(body, timeZone);
    } catch (error) {
      if (error instanceof ValidationError) articleProblems = error.fields;
    }
    throw new ValidationError({ ...articleProblems, ...pollProblems });
  }
  const result = await store();
  const { article } = result;
  const given = raw as Record<string, unknown>;
  const { poll } = await polls.create({
    ...given,
    externalId: given.externalId ?? `article:${article.externalId}`,
    language: given.language ?? article.language,
    chats: given.chats ?? (article.deliveries.length > 0 ? article.deliveries.map((d) => d.channel.chatId) : undefined),
  }, { articleId: article.id, createdBy: "api", dueAt: article.publishAt ?? undefined });
  return { ...result, poll: pollView(poll, await polls.resultsOf(poll)) };
}
