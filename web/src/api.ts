// The console's own JSON API: Telegram's launch data when opened as a Mini App, the session cookie when
// opened from a login link. A 401/403 means "not for you": the app shows why and stops.
import { signal } from "@preact/signals";

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly fields?: Record<string, string>) {
    super(message);
  }
}

let launchData: string | null = null;
export const refused = signal<ApiError | null>(null);

export function useLaunchData(initData: string | null): void {
  launchData = initData;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (launchData) headers.authorization = `tma ${launchData}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`/app/api${path}`, {
    method: init.method ?? "GET", headers, credentials: "same-origin",
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string; fields?: Record<string, string> };
  if (!response.ok) {
    const error = new ApiError(response.status, body.error ?? "error", body.message ?? response.statusText, body.fields);
    if (response.status === 401 || response.status === 403) refused.value = error;
    throw error;
  }
  return body as T;
}

/** A file behind our auth as a blob: URL (an <img src> could not carry the Authorization header). */
export async function blobUrl(path: string): Promise<string> {
  const response = await fetch(`/app/api${path}`, { headers: launchData ? { authorization: `tma ${launchData}` } : {}, credentials: "same-origin" });
  if (!response.ok) throw new ApiError(response.status, "file", response.statusText);
  return URL.createObjectURL(await response.blob());
}

/** What to tell the editor about a refusal, in their language: known reasons by code, else the server's words. */
export function describeError(error: unknown, translate: (key: string) => string): string {
  if (!(error instanceof ApiError)) return translate("console-error-network");
  const known = ["conflict", "relay_closed", "no-consent", "no-draft", "not_delivered", "validation_failed", "draft", "not_found"];
  if (!known.includes(error.code)) return `${translate("console-error")}: ${error.message}`;
  const fields = error.fields ? ` (${Object.keys(error.fields).join(", ")})` : "";
  return `${translate(`console-error-${error.code}`)}${fields}`;
}
