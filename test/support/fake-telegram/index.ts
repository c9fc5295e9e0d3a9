/** Fake Telegram Bot API for tests and benchmarks: point grammY's `client.apiRoot` at `fake.apiRoot`. */
export { startFakeTelegram, type AddChatOptions, type FakeTelegram } from "./fake.ts";
export type { FakeTelegramOptions, RecordedCall, ApiResponse } from "./server.ts";
export type { FakeMessage, FakePoll, FakePollOption, FakeChat, ChatType } from "./chat-state.ts";
export { Clock } from "./chat-state.ts";
export { errors, TelegramError, type FakeError } from "./errors.ts";
export type { FakeUser } from "./users.ts";
export type { RateLimits, FailRule } from "./faults.ts";
export type { TextEntity } from "./html.ts";
export { parseHtml } from "./html.ts";
