// Which language a reader gets: their /language choice, else Telegram's language_code, else the
// newsroom's default. In the editors' group everyone reads the newsroom's language.
import type { Locale } from "../config.ts";
import { isLocale, matchLocale } from "../i18n.ts";
import type { BotContext } from "./context.ts";

export function createLocaleNegotiator(defaultLocale: Locale) {
  return (ctx: BotContext): string => {
    const stored = ctx.state?.user?.locale;
    if (isLocale(stored)) return stored;
    if (ctx.chat && ctx.chat.type !== "private") return defaultLocale;
    return matchLocale(ctx.from?.language_code) ?? defaultLocale;
  };
}
