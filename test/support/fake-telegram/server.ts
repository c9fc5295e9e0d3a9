/**
 * The HTTP side: `POST /bot<token>/<method>` like api.telegram.org, answered through
 * fault injection → rate limits → the method table, and recorded. `startFakeTelegram`
 * returns the `FakeTelegram` facade that tests drive.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { hasBrokenString, parseBody, readBody, type BodyKind } from "./body.ts";
import { ChatStore, Clock, type ChatRecord } from "./chat-state.ts";
import type { BotInfo, MethodContext } from "./context.ts";
import { TelegramError, type FakeError } from "./errors.ts";
import { FailQueue, RateLimiter } from "./faults.ts";
import { findHandler, isSendMethod } from "./methods.ts";
import { renderMessage } from "./messages.ts";
import { UpdateHub } from "./updates.ts";

export interface FakeTelegramOptions {
  token?: string;
  botUsername?: string;
  botId?: number;
  /**
   * false: calls are not kept (`calls`, `callsTo` stay empty; waiters and `onCall` still see them). For
   * benchmarks of 100,000 sends, where keeping every call makes the fake's own garbage collection pause
   * for tens of milliseconds, which bunches arrivals and skews its rate limits.
   */
  keepCalls?: boolean;
  /** sees every call as it is recorded */
  onCall?: (call: RecordedCall) => void;
}

export interface ApiResponse {
  ok: boolean;
  error_code?: number;
  description?: string;
  result?: unknown;
  parameters?: Record<string, unknown>;
}

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  response: ApiResponse;
  /** How the body came: "multipart" means grammY uploaded a file (the product should not). */
  bodyKind?: BodyKind;
  /**
   * Who called, when the API root carries a path segment before /bot<token> (`<apiRoot>/<client>`): lets a
   * test with several instances of the bot tell their calls apart.
   */
  client?: string;
  /** Names of uploaded file parts in a multipart body. */
  uploads?: string[];
}

interface CallWaiter { predicate: (c: RecordedCall) => boolean; count: number; found: RecordedCall[]; done: () => void }

/** Everything the facade in fake.ts needs from a running server. */
export interface ServerCore {
  apiRoot: string;
  token: string;
  bot: BotInfo;
  ctx: MethodContext;
  clock: Clock;
  store: ChatStore;
  updates: UpdateHub;
  fails: FailQueue;
  limiter: RateLimiter;
  calls: RecordedCall[];
  byMethod: Map<string, RecordedCall[]>;
  waiters: Set<CallWaiter>;
  /** what /file/bot<token>/files/<file_id> serves for a file id (else a short text) */
  files: Map<string, Buffer>;
  setLatency(ms: number): void;
  render(chatId: number | string, messageId: number): Record<string, unknown> | undefined;
  close(): Promise<void>;
}

export type { CallWaiter };

const errorResponse = (e: TelegramError): ApiResponse => ({
  ok: false, error_code: e.error_code, description: e.description, ...(e.parameters ? { parameters: { ...e.parameters } } : {}),
});

export async function startServer(opts: FakeTelegramOptions = {}): Promise<ServerCore> {
  const token = opts.token ?? "123456:TEST-TOKEN";
  const botId = opts.botId ?? (Number(token.split(":")[0]) || 123456);
  const bot: BotInfo = {
    id: botId, is_bot: true, first_name: "Habarshy Test", username: opts.botUsername ?? "habarshy_test_bot",
    can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false,
    can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false,
    allows_users_to_create_topics: false, can_manage_bots: false, supports_join_request_queries: false,
  };
  const clock = new Clock();
  const store = new ChatStore(clock);
  const updates = new UpdateHub();
  const closing = new AbortController();
  const ctx: MethodContext = {
    store, bot, updates, settings: new Map(), openCallbackQueries: new Set(), fileIds: new Map(), closing: closing.signal,
  };
  updates.onPush = (u) => {
    const cq = u.callback_query as { id?: string } | undefined;
    if (cq?.id) ctx.openCallbackQueries.add(cq.id);
  };
  const fails = new FailQueue();
  const limiter = new RateLimiter();
  let latencyMs = 0;
  const calls: RecordedCall[] = [];
  const byMethod = new Map<string, RecordedCall[]>();
  const waiters = new Set<CallWaiter>();
  const files = new Map<string, Buffer>();

  const record = (call: RecordedCall) => {
    opts.onCall?.(call);
    if (opts.keepCalls !== false) {
      calls.push(call);
      const list = byMethod.get(call.method.toLowerCase());
      if (list) list.push(call);
      else byMethod.set(call.method.toLowerCase(), [call]);
    }
    for (const w of waiters) {
      if (w.predicate(call)) w.found.push(call);
      if (w.found.length >= w.count) w.done();
    }
  };

  /** failNext → rate limit → method. Returns undefined for a dropped connection. */
  const dispatch = async (method: string, params: Record<string, unknown>, signal: AbortSignal): Promise<ApiResponse | undefined> => {
    const injected: FakeError | undefined =
      fails.take(method, params.chat_id) ??
      (isSendMethod(method) ? limiter.check(params.chat_id, clock.now(), params.allow_paid_broadcast === true || params.allow_paid_broadcast === "true") : undefined);
    if (injected?.kind === "networkDrop") return undefined;
    if (injected && injected.kind !== "dropAfterHandling") return errorResponse(TelegramError.from(injected));
    const handler = findHandler(method);
    if (!handler) return { ok: false, error_code: 404, description: "Not Found: method not found" };
    try {
      const result = await handler(params, { ...ctx, closing: signal });
      return injected ? undefined : { ok: true, result };
    } catch (e) {
      if (e instanceof TelegramError) return errorResponse(e);
      throw e;
    }
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    if (res.destroyed || res.headersSent) return;
    const json = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
    res.end(json);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) {
      if (file[1] !== token) return send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
      const stored = files.get(decodeURIComponent((file[2] ?? "").replace(/^files\//, "")));
      res.writeHead(200, { "content-type": "application/octet-stream" }).end(stored ?? `fake file ${file[2] ?? ""}`);
      return;
    }
    const m = /^(?:\/([A-Za-z0-9_-]+))?\/bot([^/]*)\/([A-Za-z0-9_]+)\/?$/.exec(url.pathname);
    if (!m) return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    const [, client, urlToken, method = ""] = m;
    const at = clock.now();
    const raw = await readBody(req);
    let body;
    try {
      body = parseBody(req.headers["content-type"], raw, url.searchParams);
    } catch {
      return send(res, 400, { ok: false, error_code: 400, description: "Bad Request: can't parse JSON" });
    }
    const common = { method, params: body.params, at, bodyKind: body.kind, ...(client ? { client } : {}), ...(body.uploads.length ? { uploads: body.uploads } : {}) };
    if (urlToken !== token) {
      const response = { ok: false, error_code: 401, description: "Unauthorized" };
      record({ ...common, response });
      return send(res, 401, response);
    }
    if (hasBrokenString(body.params)) {
      const response = { ok: false, error_code: 400, description: "Bad Request: strings must be encoded in UTF-8" };
      record({ ...common, response });
      return send(res, 400, response);
    }
    // Ends a held long poll when the client goes away or the server closes.
    const aborted = new AbortController();
    res.on("close", () => aborted.abort());
    const response = await dispatch(method, body.params, AbortSignal.any([aborted.signal, closing.signal]));
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    if (!response) {
      record({ ...common, response: { ok: false, description: "network drop: socket closed without an answer" } });
      req.socket.destroy();
      return;
    }
    record({ ...common, response });
    send(res, response.ok ? 200 : (response.error_code ?? 500), response);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => send(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(e)}` }));
  });
  server.keepAliveTimeout = 60_000;
  // A deep backlog: benchmarks open thousands of sockets at once, and overflowing SYNs retry only after 1 s.
  await new Promise<void>((resolve) => server.listen({ port: 0, host: "127.0.0.1", backlog: 65535 }, resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`, token, bot, ctx, clock, store, updates, fails, limiter, calls, byMethod, waiters, files,
    setLatency: (ms) => { latencyMs = Math.max(0, ms); },
    render(chatId, messageId) {
      const rec: ChatRecord | undefined = store.find(chatId);
      const msg = rec?.byId.get(messageId);
      return rec && msg ? renderMessage(msg, rec, ctx) : undefined;
    },
    async close() {
      closing.abort(); // held getUpdates answer [] now
      await new Promise((r) => setTimeout(r, 5 + latencyMs));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
