// The Telegram side of a Mini App, without Telegram's script: the launch parameters Telegram puts in the
// URL fragment (#tgWebAppData=…&tgWebAppThemeParams=…), the theme as CSS variables (updated when the user
// switches light/dark), and the "ready"/"expand" events to the client. Outside Telegram all of it is absent.

const STORAGE_KEY = "habarshy.tgWebAppData";

export interface LaunchParams {
  /** the signed launch data, sent to our API as `Authorization: tma <initData>` */
  initData: string | null;
  languageCode: string | null;
  platform: string | null;
}

/** Reads the fragment once; kept for the tab's life so an in-app reload or a hash change keeps it. */
export function readLaunchParams(): LaunchParams {
  const hash = new URLSearchParams(window.location.hash.slice(1));
  const fresh = hash.get("tgWebAppData");
  if (fresh) sessionStorage.setItem(STORAGE_KEY, fresh);
  const initData = fresh ?? sessionStorage.getItem(STORAGE_KEY);
  const theme = hash.get("tgWebAppThemeParams");
  if (theme) applyTheme(theme);
  let languageCode: string | null = null;
  try {
    languageCode = initData ? (JSON.parse(new URLSearchParams(initData).get("user") ?? "{}") as { language_code?: string }).language_code ?? null : null;
  } catch {
    languageCode = null;
  }
  return { initData, languageCode, platform: hash.get("tgWebAppPlatform") };
}

/** Telegram's theme keys (bg_color, button_text_color…) become --tg-theme-bg-color etc. */
export function applyTheme(json: string | Record<string, unknown>): void {
  let params: Record<string, unknown>;
  try {
    params = typeof json === "string" ? (JSON.parse(json) as Record<string, unknown>) : json;
  } catch {
    return;
  }
  const style = document.documentElement.style;
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === "string" && /^#[0-9a-f]{3,8}$/i.test(value)) style.setProperty(`--tg-theme-${key.replaceAll("_", "-")}`, value);
  }
  const bg = typeof params.bg_color === "string" ? params.bg_color : null;
  if (bg) document.documentElement.dataset.scheme = isDark(bg) ? "dark" : "light";
}

function isDark(hex: string): boolean {
  const full = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, (c) => c + c) : hex;
  const n = parseInt(full.slice(1, 7), 16);
  return 0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255) < 128;
}

type Proxy = { postEvent?: (type: string, data: string) => void };

/** Telegram's web clients listen to postMessage from the iframe; the apps expose TelegramWebviewProxy. */
export function postEvent(type: string, data: Record<string, unknown> = {}): void {
  const proxy = (window as unknown as { TelegramWebviewProxy?: Proxy }).TelegramWebviewProxy;
  if (proxy?.postEvent) proxy.postEvent(type, JSON.stringify(data));
  else if (window.parent !== window) window.parent.postMessage(JSON.stringify({ eventType: type, eventData: data }), "https://web.telegram.org");
}

/** Theme changes from the client: the apps call Telegram.WebView.receiveEvent, the web client posts a message. */
export function listenForTheme(): void {
  const receive = (type: string, data: unknown) => {
    if (type === "theme_changed") applyTheme((data as { theme_params?: Record<string, unknown> })?.theme_params ?? {});
  };
  const w = window as unknown as { Telegram?: { WebView?: { receiveEvent?: typeof receive } } };
  w.Telegram = { ...w.Telegram, WebView: { ...w.Telegram?.WebView, receiveEvent: receive } };
  window.addEventListener("message", (event) => {
    if (event.origin !== "https://web.telegram.org" || typeof event.data !== "string") return;
    try {
      const { eventType, eventData } = JSON.parse(event.data) as { eventType: string; eventData: unknown };
      receive(eventType, eventData);
    } catch {
      // not a Telegram event
    }
  });
}
