import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";

describe("the articles API", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CHANNELS: "@api_news_ru:ru,@api_news_kk:kk" } });
  });
  afterAll(() => t.close());

  const valid = { externalId: "api-1", url: "https://ekaraganda.kz/news/1", title: "Заголовок" };

  it("refuses calls without the bearer token", async () => {
    const response = await t.app.server.inject({ method: "GET", url: "/api/articles" });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: "unauthorized" });
    const wrong = await t.app.server.inject({ method: "GET", url: "/api/articles", headers: { authorization: "Bearer nope" } });
    expect(wrong.statusCode).toBe(401);
  });

  it("names every invalid field in a 400", async () => {
    const res = await t.api("POST", "/api/articles", {
      url: "javascript:alert(1)", title: "", tags: "not-an-array", language: "de", breaking: "yes", publishAt: "someday",
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("validation_failed");
    expect(Object.keys(res.body.fields).sort()).toEqual(["breaking", "externalId", "language", "publishAt", "tags", "title", "url"]);
    expect(res.body.fields.externalId).toBe("is required");
    expect(res.body.fields.url).toMatch(/http/);
  });

  it("answers malformed JSON with a 400, not a 500", async () => {
    const response = await t.app.server.inject({
      method: "POST", url: "/api/articles", payload: "{\"title\":",
      headers: { authorization: "Bearer test-api-token-0123456789", "content-type": "application/json" },
    });
    expect(response.statusCode).toBe(400);
  });

  it("creates with 201, updates with 200, and shows each channel's delivery", async () => {
    const created = await t.api("POST", "/api/articles", valid);
    expect(created.status).toBe(201);
    expect(created.body.deliveries).toEqual([expect.objectContaining({ channel: "@api_news_ru", state: "pending" })]);
    const updated = await t.api("POST", "/api/articles", { ...valid, title: "Заголовок 2" });
    expect(updated.status).toBe(200);
    expect(updated.body.revision).toBe(2);
    await t.app.worker.idle();
    const got = await t.api("GET", "/api/articles/api-1");
    expect(got.body.deliveries[0]).toMatchObject({ state: "sent", messageId: expect.any(Number) });
  });

  it("lists the newest first, in pages, filtered by status", async () => {
    for (let i = 2; i <= 6; i++) await t.api("POST", "/api/articles", { ...valid, externalId: `api-${i}`, url: `https://ekaraganda.kz/news/${i}` });
    await t.api("DELETE", "/api/articles/api-3");
    const page1 = await t.api("GET", "/api/articles?limit=2");
    expect(page1.body.items.map((a: { externalId: string }) => a.externalId)).toEqual(["api-6", "api-5"]);
    const page2 = await t.api("GET", `/api/articles?limit=2&before=${page1.body.nextBefore}`);
    expect(page2.body.items.map((a: { externalId: string }) => a.externalId)).toEqual(["api-4", "api-3"]);
    const withdrawn = await t.api("GET", "/api/articles?status=withdrawn");
    expect(withdrawn.body.items.map((a: { externalId: string }) => a.externalId)).toEqual(["api-3"]);
    const bad = await t.api("GET", "/api/articles?limit=1000");
    expect(bad.status).toBe(400);
    expect(bad.body.fields.limit).toBeDefined();
  });

  it("answers 404 for an unknown article", async () => {
    expect((await t.api("GET", "/api/articles/nope")).status).toBe(404);
    expect((await t.api("DELETE", "/api/articles/nope")).status).toBe(404);
  });

  it("serves health without auth and Prometheus metrics", async () => {
    const health = await t.app.server.inject({ method: "GET", url: "/healthz" });
    expect(health.json()).toEqual({ status: "ok", database: "ok", ready: true });
    const metrics = await t.app.server.inject({ method: "GET", url: "/metrics" });
    expect(metrics.headers["content-type"]).toContain("text/plain");
    expect(metrics.body).toMatch(/habarshy_deliveries_total\{action="post",outcome="ok"\} \d+/);
  });
});

describe("the API without API_TOKEN", () => {
  it("refuses every call and says why", async () => {
    const t = await startTestApp({ env: { API_TOKEN: undefined } });
    try {
      const res = await t.api("GET", "/api/articles");
      expect(res.status).toBe(403);
      expect(res.body.error).toBe("api_disabled");
    } finally {
      await t.close();
    }
  });
});
