/**
 * Telegram-shaped failures. Handlers throw `TelegramError`; the server turns it into
 * `{ ok: false, error_code, description, parameters }` with the same HTTP status,
 * which is exactly what grammY's `GrammyError` and auto-retry look at.
 */

export interface ResponseParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

/** An error the fake answers with (`kind: "api"`) or a socket closed without any answer. */
export type FakeError =
  | { kind: "api"; error_code: number; description: string; parameters?: ResponseParameters }
  | { kind: "networkDrop" }
  | { kind: "dropAfterHandling" };

export class TelegramError extends Error {
  constructor(
    readonly error_code: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
    this.name = "TelegramError";
  }

  static from(e: Extract<FakeError, { kind: "api" }>): TelegramError {
    return new TelegramError(e.error_code, e.description, e.parameters);
  }
}

/** Thrown by handlers: `badRequest("chat not found")` → 400 "Bad Request: chat not found". */
export function badRequest(reason: string, parameters?: ResponseParameters): TelegramError {
  return new TelegramError(400, withPrefix("Bad Request: ", reason), parameters);
}

export function forbidden(reason: string): TelegramError {
  return new TelegramError(403, withPrefix("Forbidden: ", reason));
}

function withPrefix(prefix: string, reason: string): string {
  return reason.startsWith(prefix) ? reason : prefix + reason;
}

/** Helpers for `failNext({ error })`; descriptions match what Telegram really sends. */
export const errors = {
  tooManyRequests(retryAfterSeconds: number): FakeError {
    const retry_after = Math.max(1, Math.ceil(retryAfterSeconds));
    return {
      kind: "api",
      error_code: 429,
      description: `Too Many Requests: retry after ${retry_after}`,
      parameters: { retry_after },
    };
  },
  forbidden(reason = "bot was blocked by the user"): FakeError {
    return { kind: "api", error_code: 403, description: withPrefix("Forbidden: ", reason) };
  },
  badRequest(reason: string): FakeError {
    return { kind: "api", error_code: 400, description: withPrefix("Bad Request: ", reason) };
  },
  migrate(newChatId: number): FakeError {
    return {
      kind: "api",
      error_code: 400,
      description: "Bad Request: group chat was upgraded to a supergroup chat",
      parameters: { migrate_to_chat_id: newChatId },
    };
  },
  internal(): FakeError {
    return { kind: "api", error_code: 500, description: "Internal Server Error" };
  },
  /** The socket is destroyed without an answer: grammY sees an `HttpError`. */
  networkDrop: { kind: "networkDrop" } as FakeError,
  /**
   * The call is carried out (the message is posted) and then the socket is destroyed before the answer:
   * the client cannot know whether Telegram has it. Also the shape of a 5xx after a write.
   */
  dropAfterHandling: { kind: "dropAfterHandling" } as FakeError,
};
