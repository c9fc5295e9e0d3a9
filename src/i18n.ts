// Fluent translations live in locales/<locale>/<feature>.ftl; every file of a locale is merged.
import path from "node:path";
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import { LOCALES, type Locale } from "./config.ts";

export type Translate = (locale: string, key: string, variables?: Record<string, string | number>) => string;

export function createI18n<C extends Context>(options: {
  defaultLocale: Locale;
  localeNegotiator?: (ctx: C) => string | undefined | Promise<string | undefined>;
  directory?: string;
}): I18n<C> {
  return new I18n<C>({
    defaultLocale: options.defaultLocale,
    directory: options.directory ?? path.resolve("locales"),
    useSession: false,
    localeNegotiator: options.localeNegotiator,
    // Telegram shows what we send verbatim: no Unicode isolation marks around placeables.
    fluentBundleOptions: { useIsolating: false },
  });
}

/** Picks one of our locales from a Telegram language_code such as "kk", "ru-RU" or "en-GB". */
export function matchLocale(languageCode: string | undefined): Locale | undefined {
  const base = languageCode?.toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((locale) => locale === base);
}

export function isLocale(value: string | undefined | null): value is Locale {
  return LOCALES.includes(value as Locale);
}
