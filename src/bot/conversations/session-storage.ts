// Conversation state in the shared store (the Session table), so a restart — or another instance on the
// same PostgreSQL — resumes a citizen's tip where they left it. Two guards keep old state from wedging a
// chat: the version (bump TIP_FLOW_VERSION when the flow changes; older records are then ignored) and
// the TTL (a record untouched for longer is dropped when read, and purged by the scheduler's job).
import type { ConversationData, ConversationStorage, VersionedState } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { Clock } from "../../clock.ts";
import { CONVERSATION_KEY_PREFIX, type DraftSessionRepository } from "../../tips/draft-session-repository.ts";

export interface SessionStorageDeps {
  drafts: DraftSessionRepository;
  clock: Clock;
  ttlMs: number;
  version: number;
}

export function createSessionStorage<C extends Context>(deps: SessionStorageDeps): ConversationStorage<C, ConversationData> {
  return {
    type: "key",
    version: deps.version,
    prefix: CONVERSATION_KEY_PREFIX,
    // Private chats only (the feature mounts the plugin there): the chat id is the citizen.
    getStorageKey: (ctx) => ctx.chatId?.toString(),
    adapter: {
      async read(key) {
        const row = await deps.drafts.read(key);
        if (!row) return undefined;
        if (deps.clock.now().getTime() - row.updatedAt.getTime() > deps.ttlMs) {
          await deps.drafts.delete(key);
          return undefined;
        }
        return JSON.parse(row.value) as VersionedState<ConversationData>;
      },
      write: (key, state) => deps.drafts.write(key, JSON.stringify(state), deps.clock.now()),
      delete: (key) => deps.drafts.delete(key),
    },
  };
}
