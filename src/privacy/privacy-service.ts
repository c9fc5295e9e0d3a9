// /mydata and /forget: what the bot keeps about a person, and erasing it. See README "What we keep".
import type { Database } from "../db/create-database.ts";
import type { Logger } from "../logger.ts";
import { createPrivacyRepository } from "./privacy-repository.ts";

export type PersonalData = NonNullable<Awaited<ReturnType<ReturnType<typeof createPrivacyRepository>["snapshot"]>>>;

export function createPrivacyService(deps: { db: Database; logger: Logger }) {
  const repo = createPrivacyRepository(deps.db);
  const log = deps.logger.child({ component: "privacy" });
  return {
    mydata: (userId: number): Promise<PersonalData | null> => repo.snapshot(userId),

    async forget(userId: number): Promise<{ tips: number } | null> {
      const result = await repo.forget(userId);
      // No identity in the log line: the record it would name no longer exists.
      if (result) log.info({ anonymisedTips: result.tips }, "a person's data was erased on request");
      return result;
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
