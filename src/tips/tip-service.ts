// Tips as the newsroom sees them: submitted by the conversation, moved through statuses by editors, read
// by the HTTP inbox. The bot, the API and the scheduler all come here, so a rule (ban, transitions,
// "one draft article per tip") exists once.
import { randomBytes } from "node:crypto";
import type { Database } from "../db/create-database.ts";
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import { hashContent } from "../articles/article-record.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { createUserRepository } from "../users/user-repository.ts";
import { createTipRepository, type TipRow, type TipWithThread } from "./tip-repository.ts";
import { createDraftSessionRepository, CONVERSATION_KEY_PREFIX } from "./draft-session-repository.ts";
import { createTipCardOutbox, type CardPoster } from "./tip-card-outbox.ts";
import { soloInstance, type ClaimInstance } from "../delivery/claim-tokens.ts";
import { TipBannedError, TipNotFoundError, TipTransitionError } from "./tip-errors.ts";
import { canMove, OPEN_STATUSES } from "./tip-status.ts";
import { parseReference, type TipDraft, type TipStatus } from "./tip-types.ts";
import { internalId } from "../db/ids.ts";
import { truncate } from "../text/truncate.ts";

export interface TipServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** an unfinished tip conversation older than this is forgotten */
  draftTtlMinutes?: number;
  /** this instance (names its claims on cards); alone when not given, as in tests of the service */
  instance?: ClaimInstance;
}

export function createTipService(deps: TipServiceDeps) {
  const tips = createTipRepository(deps.db);
  const users = createUserRepository(deps.db);
  const drafts = createDraftSessionRepository(deps.db);
  const log = deps.logger.child({ component: "tips" });
  const ttlMs = (deps.draftTtlMinutes ?? 60) * 60_000;
  const cards = createTipCardOutbox({ store: tips, logger: deps.logger, instance: deps.instance ?? soloInstance(randomBytes(4).toString("hex")) });

  function replayed(tip: TipRow): TipRow {
    log.info({ tipId: tip.id, reference: tip.reference, carded: tip.cardMessageId !== null }, "tip already stored for this submission");
    // Its first Send stored it but the card never went out (chat refused, crash): try again now.
    if (tip.cardMessageId === null) cards.kick(tip.id);
    return tip;
  }

  async function mustGet(id: number): Promise<TipWithThread> {
    const tip = await tips.byId(id);
    if (!tip) throw new TipNotFoundError(id);
    return tip;
  }

  return {
    draftTtlMs: ttlMs,
    drafts,

    /**
     * Stores a finished tip and starts posting its card without waiting for it (the card outbox; the
     * `post-tip-cards` job retries). The ban is checked here too: a user banned mid-conversation sends
     * nothing. Idempotent per `submissionKey`: a Send replayed after a crash gets the tip already stored,
     * never a second one, and never a second card. See decision 006.
     */
    async submit(input: { userId: number; language: string; draft: TipDraft; submissionKey?: string }): Promise<TipRow> {
      const { submissionKey } = input;
      const earlier = submissionKey === undefined ? null : await tips.bySubmissionKey(submissionKey);
      if (earlier) return replayed(earlier);
      const user = await users.byId(input.userId);
      if (!user || user.isBanned) throw new TipBannedError(input.userId);
      const reference = await tips.nextReference();
      let tip: TipRow;
      try {
        tip = await tips.create({ ...input, reference });
      } catch (error) {
        // The same key stored by a concurrent call since our look-up: theirs wins, our reference is a gap.
        const winner = submissionKey !== undefined && isUniqueViolation(error) ? await tips.bySubmissionKey(submissionKey) : null;
        if (!winner) throw error;
        return replayed(winner);
      }
      log.info({ tipId: tip.id, reference, attachments: tip.attachments.length, language: tip.language }, "tip received");
      cards.kick(tip.id);
      return tip;
    },

    /**
     * What a person types (`GET /api/tips/:id`): the public reference ("T-1042", any case) or our id
     * ("42"). The two never mix: a reference always has its "T-", an id never does.
     */
    async find(typed: string): Promise<TipWithThread | null> {
      const text = typed.trim();
      const reference = parseReference(text);
      if (reference !== null) return tips.byReference(reference);
      const id = internalId(text);
      return id === null ? null : tips.byId(id);
    },

    /** By our own id only: what the desk's buttons carry. */
    byId: (id: number): Promise<TipWithThread | null> => tips.byId(id),

    get: mustGet,
    list: (query: { limit: number; beforeId?: number; status?: TipStatus | readonly TipStatus[]; topic?: string }) => tips.list(query),

    /**
     * Applies an editor's decision; `changed` is false when the tip already had that status. `handledBy`
     * (the editor's name) is shown on the desk card, never to the citizen.
     */
    async setStatus(id: number, to: TipStatus, handledBy?: string): Promise<{ tip: TipWithThread; changed: boolean }> {
      const tip = await mustGet(id);
      const from = tip.status as TipStatus;
      if (from === to) return { tip, changed: false };
      if (!canMove(from, to)) throw new TipTransitionError(from, to);
      // Lost a race with another editor: report the tip as it is now, unchanged by us.
      if (!(await tips.setStatus(id, from, to, handledBy))) return { tip: await mustGet(id), changed: false };
      log.info({ tipId: id, from, to }, "tip status changed");
      return { tip: await mustGet(id), changed: true };
    },

    /** First relay to the citizen moves a new tip to "in progress"; later ones change nothing. */
    async markInProgress(id: number): Promise<void> {
      const tip = await mustGet(id);
      if (tip.status === "new") await tips.setStatus(id, "new", "in_progress");
    },

    /** The draft article for an accepted tip; idempotent (externalId and tipId are unique). */
    async createDraftArticle(id: number, section: string) {
      const tip = await mustGet(id);
      const existing = await tips.articleOf(tip.id);
      if (existing) return existing;
      const firstLine = tip.text.split("\n")[0]!.trim();
      const title = firstLine.length > 0 ? truncate(firstLine, 120) : tip.reference;
      const fields = { title, body: tip.text, section, language: tip.language, tipId: tip.id };
      try {
        return await tips.createDraftArticle({ ...fields, externalId: `tip:${tip.reference}`, contentHash: hashContent(fields) });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return (await tips.articleOf(tip.id))!;
      }
    },

    /** Records who acted on a tip without a status change (an unban). */
    noteHandledBy: (id: number, handledBy: string) => tips.setHandledBy(id, handledBy),

    recordCard: (id: number, editorChatId: string, messageId: number) => tips.setCard(id, editorChatId, messageId),

    /** The bot's way to the editors' chat; without it (no EDITOR_CHAT_ID) tips wait for their cards. */
    connectDesk: (poster: CardPoster) => cards.connect(poster),
    /** Posts every card the editors are still owed, oldest first (the `post-tip-cards` job). */
    postMissingCards: () => cards.postMissing(),
    /** Resolves when no card is being posted: tests, benchmarks and shutdown wait here. */
    whenDeskIdle: () => cards.whenIdle(),
    recordMessage: tips.addMessage,

    /** Remembers the Reply button's prompt, so a reply to it reaches this tip's citizen (findByEditorReply). */
    async recordPrompt(id: number, messageId: number): Promise<void> {
      await tips.addMessage({ tipId: id, direction: "desk_prompt", editorMessageId: messageId });
    },

    /**
     * The tip an editor is answering: a reply to its card, to a citizen's message we relayed, or to the
     * Reply button's prompt — each found by the message id stored when it was sent, never by what a
     * message says (any bot message may quote a reference: an article titled "… T-1001 …").
     */
    async findByEditorReply(editorChatId: string, repliedMessageId: number): Promise<TipRow | null> {
      return (await tips.byCard(editorChatId, repliedMessageId))
        ?? (await tips.messageInEditorChat(editorChatId, repliedMessageId, ["from_citizen", "desk_prompt"]))?.tip ?? null;
    },

    /** The tip a citizen's message belongs to: the replied newsroom message, else the newest open thread. */
    async findCitizenThread(userId: number, repliedMessageId?: number): Promise<TipRow | null> {
      const replied = repliedMessageId === undefined ? null : await tips.messageInCitizenChat(userId, repliedMessageId);
      if (replied && OPEN_STATUSES.includes(replied.tip.status as TipStatus)) return replied.tip;
      return tips.latestOpenThread(userId, OPEN_STATUSES);
    },

    /** Deletes unfinished tip conversations nobody touched within the TTL (the scheduler's job). */
    async expireDrafts(): Promise<number> {
      const count = await drafts.deleteOlderThan(CONVERSATION_KEY_PREFIX, new Date(deps.clock.now().getTime() - ttlMs));
      if (count > 0) log.info({ count }, "abandoned tip conversations expired");
      return count;
    },
  };
}

export type TipService = ReturnType<typeof createTipService>;
