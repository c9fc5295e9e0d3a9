// Sorting Telegram's answers into what the worker should do. Telegram's error descriptions are stable
// strings (grammY keeps them in GrammyError.description); these are the ones that change our course.
import { GrammyError, HttpError } from "grammy";

export type Failure =
  | { kind: "rate-limited"; retryAfter: number }
  | { kind: "forbidden"; reason: string }
  | { kind: "migrated"; newChatId: number }
  | { kind: "not-modified" }
  | { kind: "message-gone"; reason: string }
  | { kind: "too-old-to-delete"; reason: string }
  | { kind: "bad-media"; reason: string }
  | { kind: "chat-not-found"; reason: string }
  | { kind: "permanent"; reason: string }
  | { kind: "transient"; reason: string };

export function classify(error: unknown): Failure {
  if (error instanceof GrammyError) {
    const description = error.description;
    if (error.error_code === 429) return { kind: "rate-limited", retryAfter: error.parameters.retry_after ?? 5 };
    if (error.parameters.migrate_to_chat_id) return { kind: "migrated", newChatId: error.parameters.migrate_to_chat_id };
    if (error.error_code === 403) return { kind: "forbidden", reason: description };
    if (error.error_code >= 500) return { kind: "transient", reason: description };
    if (/message is not modified/i.test(description)) return { kind: "not-modified" };
    if (/message to (edit|delete) not found|message_id_invalid/i.test(description)) return { kind: "message-gone", reason: description };
    if (/can't be deleted|message can't be deleted for everyone/i.test(description)) return { kind: "too-old-to-delete", reason: description };
    if (/chat not found|have no rights|not enough rights|need administrator rights|CHAT_WRITE_FORBIDDEN/i.test(description)) {
      return { kind: "chat-not-found", reason: description };
    }
    if (/wrong (file identifier|type of the web page content|remote file)|failed to get HTTP URL content|IMAGE_PROCESS_FAILED|PHOTO_INVALID|WEBPAGE|wrong file|file must be non-empty/i.test(description)) {
      return { kind: "bad-media", reason: description };
    }
    return { kind: "permanent", reason: description };
  }
  if (error instanceof HttpError) return { kind: "transient", reason: `network: ${(error.error as Error)?.message ?? error.message}` };
  return { kind: "transient", reason: error instanceof Error ? error.message : String(error) };
}

/** Backoff for transient failures: 2 s doubling to 5 minutes, with jitter so restarts do not stampede. */
export function backoffMs(attempt: number): number {
  const base = Math.min(300_000, 2000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}
