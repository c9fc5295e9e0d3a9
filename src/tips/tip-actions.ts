// What an editor can do with a tip — accept, reject, mark published, reply, ban, unban — once, for both
// front ends: the desk's buttons in the editors' group and the console. Each action changes the store,
// tells the citizen, and brings the desk card up to date (outcome and who did it). Callers pass the Api to
// use (the update's ctx.api, or the bot's for the console), so the shared rate limiter applies either way.
import type { Api } from "grammy";
import type { Logger } from "../logger.ts";
import type { UserService, UserRecord } from "../users/user-service.ts";
import type { TipService } from "./tip-service.ts";
import type { TipDesk } from "./tip-desk.ts";
import { safeError } from "./tip-desk.ts";
import type { TipRow, TipWithThread } from "./tip-repository.ts";
import { TipNotFoundError } from "./tip-errors.ts";
import type { TipStatus } from "./tip-types.ts";
import { canMove } from "./tip-status.ts";
import { TipTransitionError } from "./tip-errors.ts";
import type { ArticleService } from "../articles/article-service.ts";

export type TipDecision = "accepted" | "rejected" | "published";

export class TipRelayClosedError extends Error {
  override name = "TipRelayClosedError";
  constructor(readonly reference: string) {
    super(`${reference} is spam or its sender is banned: nothing is relayed`);
  }
}

export class TipRelayFailedError extends Error {
  override name = "TipRelayFailedError";
  constructor(readonly reference: string, options: { cause: unknown }) {
    super(`the answer to ${reference} did not reach its author`, options);
  }
}

/** The tipster said "not for publication", or the tip has no draft (it was never accepted). */
export class TipNotPublishableError extends Error {
  override name = "TipNotPublishableError";
  constructor(readonly reference: string, readonly reason: "no-consent" | "no-draft") {
    super(reason === "no-consent" ? `the author of ${reference} did not allow publication` : `${reference} has no draft article: accept it first`);
  }
}

export interface ActionOptions {
  /**
   * Wait for the desk card to show the outcome (the desk's own buttons do). The console does not: the
   * editors' group shares Telegram's 20-a-minute budget with the cards of a burst of tips, and the
   * editor in the console must not wait behind them.
   */
  awaitCard?: boolean;
}

export function createTipActions(deps: { tips: TipService; users: UserService; articles: ArticleService; desk: TipDesk; logger: Logger }) {
  const log = deps.logger.child({ component: "tip-actions" });
  const pending = new Set<Promise<void>>();

  /** The person behind a tip; null once they erased their data (/forget): the tip stays, nobody is told. */
  const citizenOf = async (tip: TipRow): Promise<UserRecord | null> => (tip.userId === null ? null : deps.users.byId(tip.userId));

  async function mustFind(id: number): Promise<TipWithThread> {
    const tip = await deps.tips.byId(id);
    if (!tip) throw new TipNotFoundError(id);
    return tip;
  }

  /** Card refreshes and group notes the caller did not wait for; awaited by idle(). */
  function inBackground(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => log.warn({ err: safeError(error) }, "desk update failed")).finally(() => pending.delete(tracked));
    pending.add(tracked);
  }

  async function showOnDesk(api: Api, id: number, options: ActionOptions): Promise<void> {
    const refresh = (async () => {
      const tip = await mustFind(id);
      await deps.desk.refresh(api, tip, await citizenOf(tip));
    })();
    if (options.awaitCard) await refresh;
    else inBackground(refresh);
  }

  /** Accept (a draft article is made for it), reject, or mark published; the citizen hears in their language. */
  async function decide(api: Api, id: number, status: TipDecision, editor: string, options: ActionOptions = {}) {
    const { tip, changed } = await deps.tips.setStatus(id, status, editor);
    const article = status === "accepted" ? await deps.tips.createDraftArticle(id, tip.topic) : undefined;
    await showOnDesk(api, id, options);
    const person = changed ? await citizenOf(tip) : null;
    if (person && !(await deps.desk.notify(api, tip, person, status))) await deps.users.markUnreachable(person.id);
    log.info({ tipId: id, status, changed }, "tip decided");
    return { tip: await mustFind(id), changed, article };
  }

  return {
    citizenOf,
    decide,

    /**
     * Publishes an accepted tip's draft with the editor's title, lead and site URL (the post's "Read more"),
     * then marks the tip published and tells the citizen. Refused when the tipster did not allow publication.
     */
    async publishDraft(api: Api, id: number, fields: { title?: unknown; lead?: unknown; url?: unknown; imageUrl?: unknown }, editor: string) {
      const tip = await mustFind(id);
      if (tip.consent === "none") throw new TipNotPublishableError(tip.reference, "no-consent");
      if (!tip.article || tip.article.status !== "draft") throw new TipNotPublishableError(tip.reference, "no-draft");
      if (!canMove(tip.status as TipStatus, "published")) throw new TipTransitionError(tip.status, "published");
      const { article } = await deps.articles.publishDraft(tip.article.externalId, fields);
      const decided = await decide(api, id, "published", editor);
      return { ...decided, article };
    },

    /** Spam: the tip is closed and its sender may send nothing more. */
    async ban(api: Api, id: number, editor: string, options: ActionOptions = {}) {
      const { tip, changed } = await deps.tips.setStatus(id, "spam" satisfies TipStatus, editor);
      if (tip.userId !== null) await deps.users.ban(tip.userId);
      await showOnDesk(api, id, options);
      log.info({ tipId: id, changed }, "tip sender banned");
      return { tip: await mustFind(id), changed };
    },

    /** Lets the sender of a spam tip send tips again; the tip itself stays closed. */
    async unban(api: Api, id: number, editor: string, options: ActionOptions = {}) {
      const tip = await mustFind(id);
      const person = await citizenOf(tip);
      if (person?.isBanned) {
        await deps.users.ban(person.id, false);
        await deps.tips.noteHandledBy(id, editor);
        await showOnDesk(api, id, options);
        log.info({ tipId: id }, "tip sender unbanned");
      }
      return { tip: await mustFind(id), changed: person?.isBanned ?? false };
    },

    /**
     * The console's Reply: the text goes to the citizen signed as the newsroom (never the editor's name),
     * and a copy naming the editor goes under the card in the group, without waiting for it.
     */
    async reply(api: Api, id: number, editor: string, text: string) {
      const tip = await mustFind(id);
      const person = await citizenOf(tip);
      if (tip.status === "spam" || !person || person.isBanned) throw new TipRelayClosedError(tip.reference);
      try {
        await deps.desk.relayToCitizen(api, tip, person, { text });
      } catch (error) {
        if ((error as { error_code?: number }).error_code === 403) await deps.users.markUnreachable(person.id);
        throw new TipRelayFailedError(tip.reference, { cause: error });
      }
      inBackground(deps.desk.noteConsoleReply(api, tip, editor, text));
      if (tip.status === "new") await showOnDesk(api, id, {});
      return mustFind(id);
    },

    /** Resolves when no desk update started by an action is still running (tests, shutdown). */
    async idle(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

export type TipActions = ReturnType<typeof createTipActions>;
