// STUB — to be implemented (issue: reader polls).
import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";

export function createPollFeature(_deps: BotDeps) {
  return new Composer<BotContext>();
}
