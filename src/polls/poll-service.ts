// Reader polls: every path (HTTP API, /poll, a poll attached to an article) creates them here, votes from
// Telegram are counted here, and the merge with the site's votes is computed here — once for everyone.
// The poll and one PollCopy per chat are written in one transaction; the poll worker is only told "work".
import type { Database } from "../db/create-database.ts";
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { MAX_ID, internalId } from "../db/ids.ts";
import { externalKey } from "../input/fields.ts";
import { createChannelRepository } from "../channels/channel-repository.ts";
import { parsePollInput, parseSiteVotes, PollValidationError } from "./poll-input.ts";
import { createPollRepository, FINAL_VERSION, type PollWithCopies } from "./poll-repository.ts";
import { mergeResults, tallyAnswers, type PollResults } from "./poll-results.ts";
import { createVoteRecorder } from "./poll-votes.ts";

export interface PollServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  defaultLocale: string;
  /** TIMEZONE: a closesAt written without an offset is read on this wall clock */
  timeZone?: string;
  onOutbox: () => void;
}

/**
 * How a poll is named. A string is what the CMS and editors write (PRODUCT.md): the poll's externalId,
 * else — for a poll created without one — the id its 201 returned. A number is our own id (what buttons
 * and "#12" in an editor's command carry), looked up as nothing else.
 */
export type PollReference = string | number;

/** What the poll worker offers the service: a nudge, and "wait until you are quiet". */
export interface PollOutbox {
  wake(): void;
  idle(): Promise<void>;
  /** resolves when polls being posted right now are recorded (a vote may beat our own write) */
  settle(): Promise<void>;
}

export class PollNotFoundError extends Error {
  override name = "PollNotFoundError";
  constructor(readonly reference: string) {
    super(`no poll ${reference}`);
  }
}

export interface CreatePollMeta {
  createdBy?: string;
  articleId?: number;
  /** when the copies may go out (a poll attached to a scheduled article waits for it) */
  dueAt?: Date;
}

export function createPollService(deps: PollServiceDeps) {
  const polls = createPollRepository(deps.db);
  const channels = createChannelRepository(deps.db);
  const log = deps.logger.child({ component: "polls" });
  let outbox: PollOutbox | undefined;
  const votes = createVoteRecorder({ repo: polls, logger: log, settle: () => outbox?.settle() ?? Promise.resolve(), now: () => deps.clock.now() });

  const wake = () => {
    outbox?.wake();
    deps.onOutbox();
  };

  /**
   * The one lookup of both namespaces. Digits are first the site's own ids ("1" is the poll whose
   * externalId is "1"); only when no poll has that externalId are they our id, and then only of a poll
   * that has no externalId: a poll the site named is never reached by our number.
   */
  async function find(reference: PollReference): Promise<PollWithCopies | null> {
    if (typeof reference === "number") {
      return Number.isInteger(reference) && reference >= 1 && reference <= MAX_ID ? polls.byId(reference) : null;
    }
    const key = externalKey(reference);
    if (key === null) return null;
    const named = await polls.byExternalId(key);
    if (named) return named;
    const id = internalId(key);
    const unnamed = id === null ? null : await polls.byId(id);
    return unnamed?.externalId === null ? unnamed : null;
  }

  async function mustFind(reference: PollReference): Promise<PollWithCopies> {
    const poll = await find(reference);
    if (!poll) throw new PollNotFoundError(String(reference));
    return poll;
  }

  /** Per copy: Telegram's final counts once closed; voters' latest answers for open non-anonymous copies. */
  async function resultsOf(poll: PollWithCopies): Promise<PollResults> {
    const options = JSON.parse(poll.options) as string[];
    const needsAnswers = poll.copies.some((c) => !c.isAnonymous && c.countsVersion !== FINAL_VERSION);
    const answers = needsAnswers ? await polls.answersOf(poll.id) : [];
    const copies = poll.copies.map((copy) => {
      if (!copy.isAnonymous && copy.countsVersion !== FINAL_VERSION && copy.telegramPollId) {
        const tally = tallyAnswers(options.length, answers.filter((a) => a.telegramPollId === copy.telegramPollId));
        return { chatId: copy.chatId, ...tally };
      }
      return { chatId: copy.chatId, counts: JSON.parse(copy.counts) as number[], voters: copy.totalVoters };
    });
    return mergeResults({ options, siteVotes: JSON.parse(poll.siteVotes) as number[], allowsMultipleAnswers: poll.allowsMultipleAnswers, copies });
  }

  return {
    /** Validates and stores a poll with a copy per chat; idempotent by externalId. Throws PollValidationError. */
    async create(raw: unknown, meta: CreatePollMeta = {}): Promise<{ poll: PollWithCopies; created: boolean }> {
      const now = deps.clock.now();
      const input = parsePollInput(raw, now, deps.timeZone);
      if (input.externalId) {
        const existing = await polls.byExternalId(input.externalId);
        if (existing) return { poll: existing, created: false };
      }
      // Without a list: every active channel — of the poll's language when one was given.
      const chats = input.chats ?? (await channels.list())
        .filter((c) => c.status === "active" && (!input.language || c.language === input.language)).map((c) => c.chatId);
      if (chats.length === 0) throw new PollValidationError([{ field: "chats", code: "chats-none", params: {} }]);
      const dueAt = meta.dueAt && meta.dueAt > now ? meta.dueAt : now;
      try {
        const poll = await polls.create({
          externalId: input.externalId ?? null, question: input.question, options: input.options,
          siteVotes: input.siteVotes ?? input.options.map(() => 0), language: input.language ?? deps.defaultLocale,
          allowsMultipleAnswers: input.allowsMultipleAnswers ?? false, isAnonymous: input.isAnonymous ?? true,
          closesAt: input.closesAt ?? null, articleId: meta.articleId ?? null, createdBy: meta.createdBy ?? null,
        }, chats.map((chatId) => ({ chatId, dueAt })));
        log.info({ pollId: poll.id, externalId: poll.externalId, chats, createdBy: meta.createdBy }, "poll created");
        wake();
        return { poll, created: true };
      } catch (error) {
        // The same poll pushed twice at once: the loser answers with the winner's poll.
        const existing = isUniqueViolation(error) && input.externalId ? await polls.byExternalId(input.externalId) : null;
        if (!existing) throw error;
        return { poll: existing, created: false };
      }
    },

    find,

    list: (query: { limit: number; beforeId?: number }) => polls.list(query),

    /** By internal id only (the console's addresses), never read as an externalId. */
    byId: (id: number) => polls.byId(id),

    async report(reference: PollReference): Promise<{ poll: PollWithCopies; results: PollResults }> {
      const poll = await mustFind(reference);
      return { poll, results: await resultsOf(poll) };
    },

    resultsOf,

    async setSiteVotes(reference: PollReference, raw: unknown): Promise<PollWithCopies> {
      const poll = await mustFind(reference);
      const votes = parseSiteVotes(raw, (JSON.parse(poll.options) as string[]).length);
      await polls.setSiteVotes(poll.id, votes);
      return { ...poll, siteVotes: JSON.stringify(votes) };
    },

    /** Closes a poll now (idempotent): every copy is stopped, then the results are posted. */
    async close(reference: PollReference): Promise<PollWithCopies> {
      const poll = await mustFind(reference);
      if (await polls.close(poll.id, deps.clock.now())) {
        log.info({ pollId: poll.id }, "poll closed");
        wake();
      }
      return (await polls.byId(poll.id))!;
    },

    /** The scheduler's job: close every open poll whose closesAt has passed (also the ones missed while down). */
    async closeDue(): Promise<number> {
      const due = await polls.openDue(deps.clock.now());
      let closed = 0;
      for (const id of due) if (await polls.close(id, deps.clock.now())) closed++;
      if (closed > 0) {
        log.info({ polls: due }, "polls closed on schedule");
        wake();
      }
      return closed;
    },

    recordPoll: votes.recordPoll,
    recordAnswer: votes.recordAnswer,
    /** updates counted so far by this process (benchmarks) */
    handledUpdates: () => votes.handled,
    whenHandled: (count: number) => votes.whenHandled(count),

    attachOutbox(worker: PollOutbox): void {
      outbox = worker;
    },

    /** resolves when the poll worker has nothing due (tests, benchmarks) */
    idle: (): Promise<void> => outbox?.idle() ?? Promise.resolve(),
  };
}

export type PollService = ReturnType<typeof createPollService>;
