// What each recipient of a broadcast gets. Alerts and announcements are one message for everyone; a digest
// depends on the reader's language, sections, frequency and last digest — readers who share those share
// the message, so a bounded cache makes 100,000 digests a few hundred queries.
import type { Translate } from "../i18n.ts";
import type { BroadcastRow, ClaimedRecipient } from "./broadcast-repository.ts";
import type { DigestRepository } from "./digest-repository.ts";
import { digestSince } from "./digest-schedule.ts";
import { DIGEST_MAX_ARTICLES, formatDay, renderAlert, renderAnnouncement, renderDigest, type AnnouncementButton, type ReaderMessage } from "./reader-messages.ts";

export interface ContentDeps {
  digests: DigestRepository;
  translate: Translate;
  timezone: string;
  utm: boolean;
  defaultLocale: string;
}

export type RecipientContent = (recipient: ClaimedRecipient) => Promise<ReaderMessage | null>;

export interface DigestRequest {
  language: string;
  sections: string[] | null;
  period: "daily" | "weekly";
  since: Date;
  asOf: Date;
}

const CACHE_SIZE = 500;

export function createContent(deps: ContentDeps) {
  async function digest(request: DigestRequest): Promise<ReaderMessage | null> {
    const articles = await deps.digests.articles({ ...request, limit: DIGEST_MAX_ARTICLES });
    const t = (key: string, variables?: Record<string, string | number>) => deps.translate(request.language, key, variables);
    const heading = request.period === "weekly"
      ? t("digest-title-weekly", { from: formatDay(request.since, request.language, deps.timezone), to: formatDay(request.asOf, request.language, deps.timezone) })
      : t("digest-title-daily", { date: formatDay(request.asOf, request.language, deps.timezone) });
    return renderDigest(articles, heading, t, deps.utm);
  }

  return {
    digest,

    /** The message for each recipient of this broadcast; null means there is nothing to send them. */
    async forBroadcast(broadcast: BroadcastRow, article: { title: string; lead: string | null; url: string; language: string } | null): Promise<RecipientContent> {
      if (broadcast.kind === "alert") {
        if (!article) return async () => null;
        const message = renderAlert(article, (key, vars) => deps.translate(article.language, key, vars), deps.utm);
        return async () => message;
      }
      if (broadcast.kind === "announcement") {
        const message = renderAnnouncement(broadcast.text ?? "", JSON.parse(broadcast.buttons) as AnnouncementButton[]);
        return async () => message;
      }
      const asOf = broadcast.asOf ?? broadcast.startedAt ?? broadcast.createdAt;
      const cache = new Map<string, Promise<ReaderMessage | null>>();
      return (recipient) => {
        const subscription = recipient.user.subscription;
        if (!subscription || (subscription.digest !== "daily" && subscription.digest !== "weekly")) return Promise.resolve(null);
        const period = subscription.digest;
        const sections = subscription.allSections ? null : subscription.sections.map((s) => s.section).sort();
        const since = digestSince(period, asOf, recipient.since);
        const key = JSON.stringify([subscription.language, period, sections, since.getTime()]);
        let message = cache.get(key);
        if (!message) {
          if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
          message = digest({ language: subscription.language, sections, period, since, asOf });
          cache.set(key, message);
          // A failed query is not remembered: the next reader asks again.
          message.catch(() => cache.delete(key));
        }
        return message;
      };
    },
  };
}

export type Content = ReturnType<typeof createContent>;
