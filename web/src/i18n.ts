// The console's strings come from locales/<locale>/console.ftl, the same Fluent files the bot reads (and the
// locale parity test checks), bundled at build time.
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import { signal } from "@preact/signals";

export const LOCALES = ["ru", "kk", "en"] as const;
export type Locale = (typeof LOCALES)[number];

const sources = import.meta.glob("../../locales/*/console.ftl", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

const bundles = new Map<Locale, FluentBundle>();
for (const locale of LOCALES) {
  const bundle = new FluentBundle(locale, { useIsolating: false });
  const source = Object.entries(sources).find(([file]) => file.includes(`/${locale}/`))?.[1] ?? "";
  bundle.addResource(new FluentResource(source));
  bundles.set(locale, bundle);
}

export const locale = signal<Locale>("ru");

export function pickLocale(...candidates: Array<string | null | undefined>): Locale {
  for (const candidate of candidates) {
    const base = candidate?.toLowerCase().split(/[-_]/)[0];
    const found = LOCALES.find((l) => l === base);
    if (found) return found;
  }
  return "ru";
}

/** A message in the current locale; reading `locale.value` makes components re-render when it changes. */
export function t(key: string, args?: Record<string, FluentVariable>): string {
  const bundle = bundles.get(locale.value)!;
  const message = bundle.getMessage(key);
  return message?.value ? bundle.formatPattern(message.value, args) : key;
}

export function ago(date: string | null | undefined): string {
  if (!date) return "—";
  const seconds = Math.round((new Date(date).getTime() - Date.now()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale.value, { numeric: "auto" });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, "second");
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), "hour");
  return rtf.format(Math.round(seconds / 86400), "day");
}
