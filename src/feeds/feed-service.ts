// STUB — to be implemented (feed polling).
import type { Database } from "../db/create-database.ts";
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import type { ArticleService } from "../articles/article-service.ts";

export interface FeedServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  articles: ArticleService;
  defaultLocale: string;
}

export function createFeedService(_deps: FeedServiceDeps) {
  return {
    async seed(_urls: string[]): Promise<void> {},
    async pollAll(): Promise<void> {},
  };
}

export type FeedService = ReturnType<typeof createFeedService>;
