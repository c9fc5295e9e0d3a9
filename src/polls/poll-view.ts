// A poll as the HTTP API shows it: the merged results first, then where each copy is in Telegram.
import type { PollWithCopies } from "./poll-repository.ts";
import type { PollResults } from "./poll-results.ts";

export function pollView(poll: PollWithCopies, results: PollResults) {
  return {
    id: poll.id,
    externalId: poll.externalId,
    question: poll.question,
    language: poll.language,
    status: poll.status,
    allowsMultipleAnswers: poll.allowsMultipleAnswers,
    isAnonymous: poll.isAnonymous,
    closesAt: poll.closesAt,
    closedAt: poll.closedAt,
    articleId: poll.articleId,
    createdBy: poll.createdBy,
    createdAt: poll.createdAt,
    options: results.options,
    votes: results.votes,
    voters: results.voters,
    copies: poll.copies.map((copy) => ({
      chat: copy.chatId,
      chatType: copy.chatType,
      anonymous: copy.isAnonymous,
      state: copy.state,
      messageId: copy.messageId,
      telegramPollId: copy.telegramPollId,
      counts: JSON.parse(copy.counts) as number[],
      voters: copy.totalVoters,
      resultsMessageId: copy.resultsMessageId,
      attempts: copy.attempts,
      lastError: copy.lastError,
    })),
  };
}

export type PollView = ReturnType<typeof pollView>;
