// STUB — to be implemented (issue: news tips).
import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";

export function createTipFeature(_deps: BotDeps) {
  return new Composer<BotContext>();
}
