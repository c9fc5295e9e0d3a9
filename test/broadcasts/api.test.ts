// /api/broadcasts and /api/subscribers/stats as a CMS (or a careless client, or an attacker) calls them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_TOKEN, startTestApp, type TestApp } from "../support/app.ts";
import { seedReaders, settleBroadcast } from "../support/readers.ts";

describe("the broadcasts API", () => {
  let t: TestApp;
  let ids: number[];
  beforeAll(async () => {
    t = await startTestApp();
    ids = await seedReaders(t.database.db, 800_000, 30, (i) => ({ language: i % 2 ? "kk" : "ru", digest: i % 3 ? "daily" : "weekly", sections: i % 5 === 0 ? ["Спорт"] : null }));
  });
  afterAll(() => t.close());

  it("refuses calls without the bearer token", async () => {
    for (const [method, url] of [["GET", "/api/subscribers/stats"], ["POST", "/api/broadcasts"], ["GET", "/api/broadcasts/1"], ["POST", "/api/broadcasts/1/cancel"]] as const) {
      const res = await t.app.server.inject({ method, url, headers: { authorization: "Bearer wrong-token-wrong-token" } });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it("sends an announcement to the readers it names, and reports progress", async () => {
    const res = await t.api("POST", "/api/broadcasts", { text: "Проверка связи", language: "ru", buttons: [{ text: "Сайт", url: "https://ekaraganda.kz/" }] });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(Number), status: "queued" });
    const done = await settleBroadcast(t.app, res.body.id);
    const ru = ids.filter((_, i) => i % 2 === 0);
    expect(done).toMatchObject({ status: "done", total: ru.length, sent: ru.length, blocked: 0, failed: 0 });
    const got = (await t.api("GET", `/api/broadcasts/${res.body.id}`)).body;
    expect(got).toMatchObject({ id: res.body.id, status: "done", total: ru.length, sent: ru.length, blocked: 0, failed: 0 });
    for (const id of ru) expect(t.fake.messages(id).map((m) => m.text)).toEqual(["Проверка связи"]);
  });

  it("counts subscribers by language, section and frequency, blocked, and the change over 7 days", async () => {
    await t.database.db.user.updateMany({ where: { telegramId: String(ids[1]) }, data: { reachable: false } });
    const { status, body } = await t.api("GET", "/api/subscribers/stats");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      subscribed: 30, blocked: 1, reachable: 29, breaking: 30,
      byLanguage: { ru: 15, kk: 15 }, byFrequency: { daily: 20, weekly: 10, off: 0 },
      bySection: { all: 24, chosen: { Спорт: 6 } }, change7d: { subscribed: 30, unsubscribed: 0, net: 30 },
    });
  });

  it("names every bad field with a 400 and stores nothing", async () => {
    const before = await t.database.db.broadcast.count();
    const cases: Array<[unknown, string]> = [
      [{}, "text"],
      [{ text: "   " }, "text"],
      [{ text: "x".repeat(4097) }, "text"],
      [{ text: "ok", language: "de" }, "language"],
      [{ text: "ok", sections: "Спорт" }, "sections"],
      [{ text: "ok", buttons: [{ text: "click", url: "javascript:alert(1)" }] }, "buttons.0.url"],
      [{ text: "ok", buttons: [{ text: "click", url: "tg://resolve?domain=x" }] }, "buttons.0.url"],
      [{ text: "ok", buttons: [{ text: "", url: "https://ekaraganda.kz/" }] }, "buttons.0.text"],
      [{ text: "ok", buttons: Array.from({ length: 6 }, () => ({ text: "a", url: "https://ekaraganda.kz/" })) }, "buttons"],
      [[1, 2, 3], "body"],
    ];
    for (const [body, field] of cases) {
      const res = await t.api("POST", "/api/broadcasts", body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(Object.keys(res.body.fields), JSON.stringify(body).slice(0, 80)).toContain(field);
    }
    expect(await t.database.db.broadcast.count()).toBe(before);
  });

  it("cleans content text as every input path does: a lone surrogate becomes U+FFFD, control characters go", async () => {
    const res = await t.api("POST", "/api/broadcasts", { text: "broken \ud800 half\u0000", sections: ["Спорт\u0007"] });
    expect(res.status).toBe(202);
    const stored = await t.database.db.broadcast.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(stored.text).toBe("broken \ufffd half");
    expect(JSON.parse(stored.sections)).toEqual(["Спорт"]);
    await t.api("POST", `/api/broadcasts/${res.body.id}/cancel`);
  });

  it("answers 400 for ids that are not ids and 404 for ids that do not exist", async () => {
    for (const id of ["abc", "-1", "0", "1.5", "1e3", "99999999999", "%F0%9F%92%A9"]) {
      const res = await t.api("GET", `/api/broadcasts/${id}`);
      expect(res.status, id).toBe(400);
      expect(res.body.fields).toHaveProperty("id");
    }
    expect((await t.api("GET", "/api/broadcasts/424242")).status).toBe(404);
    expect((await t.api("POST", "/api/broadcasts/424242/cancel")).status).toBe(404);
  });

  it("cancels a broadcast: nobody not yet written to gets it, and a finished one cannot be cancelled", async () => {
    // Paused sends: the engine has claimed nobody yet when the cancel comes.
    await t.app.broadcaster.stop();
    const res = await t.api("POST", "/api/broadcasts", { text: "Отменённое" });
    const cancelled = await t.app.server.inject({ method: "POST", url: `/api/broadcasts/${res.body.id}/cancel`, headers: { authorization: `Bearer ${API_TOKEN}` } });
    expect(cancelled.statusCode).toBe(200);
    expect(JSON.parse(cancelled.body)).toMatchObject({ status: "cancelled", sent: 0 });
    await t.app.broadcaster.start();
    await t.app.broadcaster.idle();
    expect(ids.filter((id) => t.fake.messages(id).some((m) => m.text === "Отменённое"))).toEqual([]);
    const again = await t.api("POST", `/api/broadcasts/${res.body.id}/cancel`);
    expect(again.status).toBe(200);
    const done = (await t.database.db.broadcast.findFirstOrThrow({ where: { status: "done" } })).id;
    const refused = await t.api("POST", `/api/broadcasts/${done}/cancel`);
    expect(refused.status).toBe(409);
  });
});

describe("a call that needs no body", () => {
  it("is understood with Content-Type: application/json and an empty body", async () => {
    const t = await startTestApp();
    try {
      const res = await t.api("POST", "/api/broadcasts", { text: "x" });
      const cancel = await t.app.server.inject({
        method: "POST", url: `/api/broadcasts/${res.body.id}/cancel`,
        headers: { authorization: `Bearer ${API_TOKEN}`, "content-type": "application/json" }, payload: "",
      });
      expect(cancel.statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
