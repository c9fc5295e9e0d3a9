// Debian's Chromium driven by playwright-core (no browser download): one browser per test file, a fresh
// context (cookies, storage) per scenario. Launch data is signed with the test bot's token, as Telegram does.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { signInitData } from "../../src/console/init-data.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage"],
  });
}

export interface LaunchUser {
  id: number;
  first_name: string;
  last_name?: string;
  language_code?: string;
}

/** initData as a Telegram client builds it: user, chat_instance, auth_date, signed with the bot's token. */
export function launchData(token: string, user: LaunchUser, authDate = Math.floor(Date.now() / 1000)): string {
  return signInitData({
    query_id: `AAH${user.id}`, user: JSON.stringify(user), chat_instance: "-4815162342", chat_type: "private", auth_date: String(authDate),
  }, token);
}

/** The URL Telegram opens: the console with the launch parameters in the fragment. */
export function miniAppUrl(base: string, initData: string, theme: Record<string, string> = LIGHT_THEME): string {
  const fragment = new URLSearchParams({
    tgWebAppData: initData, tgWebAppVersion: "8.0", tgWebAppPlatform: "android", tgWebAppThemeParams: JSON.stringify(theme),
  });
  return `${base}/app/#${fragment}`;
}

export const LIGHT_THEME = {
  bg_color: "#ffffff", text_color: "#000000", hint_color: "#707579", link_color: "#3390ec", button_color: "#3390ec",
  button_text_color: "#ffffff", secondary_bg_color: "#f4f4f5", section_bg_color: "#ffffff", destructive_text_color: "#e53935",
};
export const DARK_THEME = {
  bg_color: "#212121", text_color: "#ffffff", hint_color: "#aaaaaa", link_color: "#8774e1", button_color: "#8774e1",
  button_text_color: "#ffffff", secondary_bg_color: "#0f0f0f", section_bg_color: "#212121", destructive_text_color: "#ff595a",
};
