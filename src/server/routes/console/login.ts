// A one-time login link (from /console) opened in a desktop browser. GET shows a page with a button; only
// the button's POST spends the link, so a link preview or a browser prefetch cannot. The session is a
// HttpOnly, SameSite=Strict cookie scoped to /app, kept in the shared store (any instance accepts it).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { escapeHtml } from "../../../text/html.ts";
import { matchLocale } from "../../../i18n.ts";
import { SESSION_TTL_MS } from "../../../console/console-sessions.ts";
import { cookie, editorOf, SESSION_COOKIE, type ConsoleDeps } from "./context.ts";

export function consoleLoginRoutes(deps: ConsoleDeps) {
  const localeOf = (languageCode: string | null | undefined) => matchLocale(languageCode ?? undefined) ?? deps.config.defaultLocale;

  function page(reply: FastifyReply, status: number, locale: string, body: string) {
    const t = (key: string, vars?: Record<string, string>) => escapeHtml(deps.translate(locale, key, vars));
    return reply.code(status).type("text/html; charset=utf-8").header("cache-control", "no-store")
      .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
      .header("referrer-policy", "no-referrer")
      .send(`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t("console-title")}</title><style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:15vh auto;padding:0 1rem;color:#222}
button{font:inherit;padding:.7rem 1.2rem;border:0;border-radius:.6rem;background:#2481cc;color:#fff;cursor:pointer}</style></head>
<body><h1>${t("console-title")}</h1>${body}</body></html>`);
  }

  const secure = (request: FastifyRequest) => request.protocol === "https" || (deps.config.publicUrl ?? "").startsWith("https://");

  return async (app: FastifyInstance) => {
    app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    app.get<{ Querystring: { token?: string } }>("/app/login", async (request, reply) => {
      const token = typeof request.query.token === "string" ? request.query.token : "";
      const editor = await deps.sessions.peekLogin(token);
      if (!editor) return page(reply, 410, deps.config.defaultLocale, `<p>${escapeHtml(deps.translate(deps.config.defaultLocale, "console-login-expired"))}</p>`);
      const locale = localeOf(editor.languageCode);
      const t = (key: string, vars?: Record<string, string>) => escapeHtml(deps.translate(locale, key, vars));
      return page(reply, 200, locale, `<p>${t("console-login-intro", { name: editor.name })}</p>
<form method="post" action="/app/login"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">${t("console-login-button")}</button></form>`);
    });

    app.post("/app/login", async (request, reply) => {
      const token = (request.body as { token?: unknown } | undefined)?.token;
      const session = typeof token === "string" ? await deps.sessions.redeem(token) : null;
      if (!session) return page(reply, 410, deps.config.defaultLocale, `<p>${escapeHtml(deps.translate(deps.config.defaultLocale, "console-login-expired"))}</p>`);
      const attributes = ["Path=/app", "HttpOnly", "SameSite=Strict", `Max-Age=${Math.floor(SESSION_TTL_MS / 1000)}`, ...(secure(request) ? ["Secure"] : [])];
      return reply.code(303).header("set-cookie", `${SESSION_COOKIE}=${session.token}; ${attributes.join("; ")}`).header("location", "/app/").send();
    });
  };
}

/** Routes behind the console's auth: who am I, and sign out. */
export function consoleMeRoutes(deps: ConsoleDeps & { botUsername: () => string }) {
  return async (app: FastifyInstance) => {
    app.get("/app/api/me", async (request) => {
      const editor = editorOf(request);
      return {
        editor: { id: editor.telegramId, name: editor.name },
        locale: matchLocale(editor.languageCode ?? undefined) ?? deps.config.defaultLocale,
        bot: deps.botUsername(),
        features: { readers: deps.readers !== undefined },
      };
    });

    app.post("/app/api/logout", async (request, reply) => {
      const token = cookie(request, SESSION_COOKIE);
      if (token) await deps.sessions.logout(token);
      return reply.header("set-cookie", `${SESSION_COOKIE}=; Path=/app; HttpOnly; SameSite=Strict; Max-Age=0`).send({ ok: true });
    });
  };
}
