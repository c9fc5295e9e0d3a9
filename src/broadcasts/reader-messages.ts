// What readers receive, as pure functions: a breaking alert, a digest, an editors' announcement. Each is
// one text message within Telegram's 4,096 characters (counted after entity parsing), untrusted text
// escaped, with buttons that open the site.
import type { InlineKeyboardMarkup } from "grammy/types";
import { cleanInline, escapeHtml } from "../text/html.ts";
import { truncate } from "../text/truncate.ts";

export const TEXT_LIMIT = 4096;
export const DIGEST_MAX_ARTICLES = 10;
const ALERT_TITLE_MAX = 300;
const ALERT_LEAD_MAX = 400;
const DIGEST_TITLE_MAX = 300;

export interface ReaderMessage {
  /** HTML parse mode, or plain text when `html` is false */
  text: string;
  html: boolean;
  keyboard?: InlineKeyboardMarkup;
}

export type Translate = (key: string, variables?: Record<string, string | number>) => string;

/** Adds utm_source=telegram&utm_medium=… unless the site already put its own there. */
export function withUtm(url: string, medium: "digest" | "alert" | null): string {
  if (!medium || !URL.canParse(url)) return url;
  const parsed = new URL(url);
  if (!parsed.searchParams.has("utm_source")) parsed.searchParams.set("utm_source", "telegram");
  if (!parsed.searchParams.has("utm_medium")) parsed.searchParams.set("utm_medium", medium);
  return parsed.href;
}

export interface AlertSource {
  title: string;
  lead: string | null;
  url: string;
}

/** ⚡ Breaking: the title in bold, a short lead, and a button to the article. */
export function renderAlert(article: AlertSource, t: Translate, utm: boolean): ReaderMessage {
  const title = truncate(cleanInline(article.title), ALERT_TITLE_MAX);
  const lead = article.lead ? truncate(cleanInline(article.lead), ALERT_LEAD_MAX) : "";
  const text = `${escapeHtml(t("alert-label"))} <b>${escapeHtml(title)}</b>` + (lead ? `\n\n${escapeHtml(lead)}` : "");
  return {
    text, html: true,
    keyboard: { inline_keyboard: [[{ text: t("alert-read"), url: withUtm(article.url, utm ? "alert" : null) }]] },
  };
}

export interface DigestArticle {
  title: string;
  url: string;
  section: string | null;
}

/**
 * A numbered list of links, newest first, at most 10. Articles that would push the visible text past
 * 4,096 characters are left out (the newest are kept). Null when there is nothing to send.
 */
export function renderDigest(articles: DigestArticle[], heading: string, t: Translate, utm: boolean): ReaderMessage | null {
  if (articles.length === 0) return null;
  const head = `📰 ${heading}`;
  let html = `<b>${escapeHtml(head)}</b>\n`;
  let visible = head.length + 1;
  let count = 0;
  for (const article of articles.slice(0, DIGEST_MAX_ARTICLES)) {
    const title = truncate(cleanInline(article.title), DIGEST_TITLE_MAX) || "…";
    const section = article.section ? truncate(cleanInline(article.section), 60) : "";
    const number = `${count + 1}. `;
    const tail = section ? ` · ${section}` : "";
    const line = `\n${number}<a href="${escapeHtml(withUtm(article.url, utm ? "digest" : null))}">${escapeHtml(title)}</a>${tail ? escapeHtml(" · ") + `<i>${escapeHtml(section)}</i>` : ""}`;
    const lineVisible = 1 + number.length + title.length + tail.length;
    if (visible + lineVisible > TEXT_LIMIT) break;
    html += line;
    visible += lineVisible;
    count++;
  }
  if (count === 0) return null;
  return { text: html, html: true, keyboard: undefined };
}

export interface AnnouncementButton {
  text: string;
  url: string;
}

/** The editors' text as plain text (nothing in it is markup), with up to a few link buttons. */
export function renderAnnouncement(text: string, buttons: AnnouncementButton[]): ReaderMessage {
  return {
    text, html: false,
    keyboard: buttons.length ? { inline_keyboard: buttons.map((button) => [{ text: button.text, url: button.url }]) } : undefined,
  };
}

/** "3 мая 2026" / "3 May 2026" in the newsroom's time zone. */
export function formatDay(date: Date, locale: string, timeZone: string): string {
  const tag = locale === "kk" ? "kk-KZ" : locale === "en" ? "en-GB" : "ru-RU";
  return new Intl.DateTimeFormat(tag, { day: "numeric", month: "long", year: "numeric", timeZone }).format(date);
}
