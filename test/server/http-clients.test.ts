// HTTP as CMS clients speak it: empty JSON bodies, any case of "Bearer", dates on the newsroom's clock,
// and /metrics behind its own token.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_TOKEN, EDITOR_CHAT_ID, startTestApp, type TestApp } from "../support/app.ts";

const RU = "@clients_news";
const METRICS_TOKEN = "metrics-token-0123456789";

describe("HTTP clients", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CHANNELS: `${RU}:ru`, TIMEZONE: "Asia/Almaty", METRICS_TOKEN } });
  });
  afterAll(() => t.close());

  const call = (method: "GET" | "POST" | "DELETE", url: string, headers: Record<string, string>, payload?: string) =>
    t.app.server.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  const json = { authorization: `Bearer ${API_TOKEN}`, "content-type": "application/json" };

  it("understands Content-Type: application/json with an empty body on calls that need none", async () => {
    await t.api("POST", "/api/articles", { externalId: "empty-1", url: "https://ekaraganda.kz/news/e1", title: "Пусто" });
    await t.api("POST", "/api/polls", { externalId: "empty-poll", question: "Пусто?", options: ["Да", "Нет"] });
    for (const payload of [undefined, "", "  \n"]) {
      const closed = await call("POST", "/api/polls/empty-poll/close", json, payload);
      expect(closed.statusCode, JSON.stringify(payload)).toBe(200);
      expect(closed.json().status).toBe("closed");
      const withdrawn = await call("DELETE", "/api/articles/empty-1", json, payload);
      expect(withdrawn.statusCode, JSON.stringify(payload)).toBe(200);
      expect(withdrawn.json().status).toBe("withdrawn");
    }
    // And without a Content-Type at all, as before.
    expect((await call("DELETE", "/api/articles/empty-1", { authorization: `Bearer ${API_TOKEN}` })).statusCode).toBe(200);
    // A call that needs a body says which: not Fastify's FST_ERR_CTP_EMPTY_JSON_BODY.
    const missing = await call("POST", "/api/articles", json, "");
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: "validation_failed", fields: { body: "is required" } });
    // Fastify's own JSON parser still reads real bodies, and still refuses prototype poisoning.
    expect((await call("POST", "/api/articles", json, '{"__proto__":{"admin":true}}')).statusCode).toBe(400);
    expect((await call("POST", "/api/articles", json, "{\"title\":")).statusCode).toBe(400);
  });

  it("reads the Bearer scheme in any case", async () => {
    for (const authorization of [`bearer ${API_TOKEN}`, `BEARER ${API_TOKEN}`, `BeArEr   ${API_TOKEN} `]) {
      expect((await call("GET", "/api/articles", { authorization })).statusCode, authorization).toBe(200);
    }
    for (const authorization of [`Basic ${API_TOKEN}`, "Bearer", `Bearer ${API_TOKEN}x`, `Bearer${API_TOKEN}`, API_TOKEN]) {
      expect((await call("GET", "/api/articles", { authorization })).statusCode, authorization).toBe(401);
    }
  });

  it("reads a date without an offset on the newsroom's clock (TIMEZONE), not the server's", async () => {
    const res = await t.api("POST", "/api/articles", {
      externalId: "tz-1", url: "https://ekaraganda.kz/news/tz1", title: "Время",
      publishedAt: "2026-12-03T10:00:00", publishAt: "2099-12-03T10:00",
    });
    expect(res.status).toBe(201);
    // Asia/Almaty is UTC+5 all year.
    expect(res.body.publishedAt).toBe("2026-12-03T05:00:00.000Z");
    expect(res.body.publishAt).toBe("2099-12-03T05:00:00.000Z");
    const dateOnly = await t.api("POST", "/api/articles", { externalId: "tz-2", url: "https://ekaraganda.kz/news/tz2", title: "Дата", publishedAt: "2026-12-03" });
    expect(dateOnly.body.publishedAt).toBe("2026-12-02T19:00:00.000Z");
    // An offset, or Z, is taken as written.
    const given = await t.api("POST", "/api/articles", { externalId: "tz-3", url: "https://ekaraganda.kz/news/tz3", title: "Смещение", publishedAt: "2026-12-03T10:00:00+03:00" });
    expect(given.body.publishedAt).toBe("2026-12-03T07:00:00.000Z");

    const local = new Date(Date.now() + 2 * 86_400_000 + 5 * 3_600_000).toISOString().slice(0, 16); // two days ahead, Almaty's wall clock
    const poll = await t.api("POST", "/api/polls", { externalId: "tz-poll", question: "Когда?", options: ["Сейчас", "Потом"], closesAt: local });
    expect(poll.status).toBe(201);
    expect(Date.parse(poll.body.closesAt)).toBe(Date.parse(`${local}:00Z`) - 5 * 3_600_000);
  });

  it("reads an editor's --closes on the newsroom's clock too", async () => {
    const editor = t.fake.user({ id: 9301, first_name: "Редактор" });
    t.fake.addChat({ id: EDITOR_CHAT_ID, type: "supergroup", title: "Редакция" });
    const local = new Date(Date.now() + 3 * 86_400_000 + 5 * 3_600_000).toISOString().slice(0, 16);
    editor.sendText(`/poll Когда? | Сейчас | Потом --closes ${local} --id tz-editor`, { chat: { id: EDITOR_CHAT_ID, type: "supergroup", title: "Редакция" } });
    await t.fake.waitForCall((c) => c.method === "sendMessage" && c.params.chat_id === EDITOR_CHAT_ID);
    const created = await t.api("GET", "/api/polls/tz-editor");
    expect(Date.parse(created.body.closesAt)).toBe(Date.parse(`${local}:00Z`) - 5 * 3_600_000);
  });

  it("wants METRICS_TOKEN on /metrics when it is set", async () => {
    expect((await call("GET", "/metrics", {})).statusCode).toBe(401);
    expect((await call("GET", "/metrics", { authorization: `Bearer ${API_TOKEN}` })).statusCode).toBe(401);
    const scraped = await call("GET", "/metrics", { authorization: `bearer ${METRICS_TOKEN}` });
    expect(scraped.statusCode).toBe(200);
    expect(scraped.body).toContain("habarshy_");
    // Health stays open for load balancers.
    expect((await call("GET", "/healthz", {})).statusCode).toBe(200);
  });
});

describe("the webhook under junk", () => {
  it("answers a body that is no update with a 400, never a 500", async () => {
    const t = await startTestApp({ env: { WEBHOOK_URL: "http://127.0.0.1:9/telegram/webhook", WEBHOOK_SECRET: "hook-secret_1" }, start: false });
    try {
      for (const payload of ["", "  ", "null", "\"text\"", "{\"update_id\":"]) {
        const res = await t.app.server.inject({
          method: "POST", url: "/telegram/webhook", payload,
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "hook-secret_1" },
        });
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      }
      expect(t.logText()).not.toContain("request failed");
    } finally {
      await t.close();
    }
  });
});
