// Feeds added, paused and removed in the console live in the database: polled by the next run, after a
// restart too, while FEEDS entries stay seeded and an editor's pause sticks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { launchData } from "../support/browser.ts";
import { hoursAgo, rss, startFeedServer, type FeedServer } from "../feeds/fixtures/feed-server.ts";
import { consoleDeliveryState, messageLink } from "../../src/console/delivery-view.ts";

describe("console feeds", () => {
  let t: TestApp;
  let server: FeedServer;
  const auth = () => `tma ${launchData(t.fake.token, { id: 777, first_name: "Admin" })}`;
  const call = async (method: "GET" | "POST", url: string, body?: unknown) => {
    const response = await t.app.server.inject({ method, url, headers: { authorization: auth(), "content-type": "application/json" }, payload: JSON.stringify(body ?? {}) });
    return { status: response.statusCode, body: response.json() };
  };

  beforeAll(async () => {
    server = await startFeedServer();
    for (const name of ["env", "added", "paused"]) {
      server.serve(`/${name}.rss`, { body: rss([{ guid: `${name}-1`, title: `Новость ${name}`, link: `https://ekaraganda.kz/?id=${name}`, date: hoursAgo(1) }]) });
    }
    t = await startTestApp({ env: { ADMIN_IDS: "777", FEEDS: server.url("/env.rss") } });
  });
  afterAll(async () => {
    await t.close();
    await server.close();
  });

  it("polls a feed added in the console without a restart, and keeps adds and pauses across a restart", async () => {
    const added = await call("POST", "/app/api/feeds", { url: server.url("/added.rss") });
    expect(added.status).toBe(201);
    const paused = await call("POST", "/app/api/feeds", { url: server.url("/paused.rss") });
    expect((await call("POST", `/app/api/feeds/${paused.body.id}/pause`)).body.status).toBe("paused");
    await t.app.services.feeds.pollAll();
    expect(server.requests("/added.rss")).toHaveLength(1);
    expect(server.requests("/env.rss")).toHaveLength(1);
    expect(server.requests("/paused.rss")).toHaveLength(0);

    t = await t.restart();
    await t.app.database.db.feed.updateMany({ data: { nextPollAt: null } });
    await t.app.services.feeds.pollAll();
    expect(server.requests("/added.rss")).toHaveLength(2);
    expect(server.requests("/env.rss")).toHaveLength(2);
    expect(server.requests("/paused.rss")).toHaveLength(0);
    const list = (await call("GET", "/app/api/feeds")).body.items;
    expect(list.map((f: { url: string; status: string; posted: number }) => [f.url, f.status, f.posted])).toEqual([
      [server.url("/env.rss"), "active", 1], [server.url("/added.rss"), "active", 1], [server.url("/paused.rss"), "paused", 0],
    ]);
  });

  it("removes a FEEDS entry for good (a restart does not bring it back) and refuses what is not a feed URL", async () => {
    const env = (await call("GET", "/app/api/feeds")).body.items.find((f: { url: string }) => f.url === server.url("/env.rss"));
    await call("POST", `/app/api/feeds/${env.id}/remove`);
    t = await t.restart();
    await t.app.database.db.feed.updateMany({ data: { nextPollAt: null } });
    const before = server.requests("/env.rss").length;
    await t.app.services.feeds.pollAll();
    expect(server.requests("/env.rss")).toHaveLength(before);
    expect((await call("GET", "/app/api/feeds")).body.items.map((f: { url: string }) => f.url)).not.toContain(server.url("/env.rss"));
    for (const url of ["", "ftp://x/rss", "javascript:alert(1)", 42, "https://" + "a".repeat(3000)]) {
      const response = await call("POST", "/app/api/feeds", { url });
      expect(response.status, String(url).slice(0, 20)).toBe(400);
      expect(Object.keys(response.body.fields)).toEqual(["url"]);
    }
    expect((await call("POST", "/app/api/feeds/999/pause")).status).toBe(404);
    expect((await call("POST", `/app/api/feeds/${env.id}/explode`)).status).toBe(404);
  });
});

describe("delivery states for editors", () => {
  const now = new Date("2026-12-03T12:00:00Z");
  const row = (over: Record<string, unknown>) => ({
    state: "pending", action: "post", uncertain: false, lastError: null, dueAt: now, messageId: null,
    channel: { status: "active", chatId: "@news", lastError: null }, ...over,
  }) as never;

  it("names every state an editor must tell apart", () => {
    const later = new Date(now.getTime() + 60_000);
    expect(consoleDeliveryState(row({ state: "sent", messageId: 5 }), { publishAt: null }, now)).toBe("sent");
    expect(consoleDeliveryState(row({}), { publishAt: later }, now)).toBe("scheduled");
    expect(consoleDeliveryState(row({ lastError: "429: retry after 30s", dueAt: later }), { publishAt: null }, now)).toBe("rate-limited");
    expect(consoleDeliveryState(row({ state: "failed", lastError: "Bad Request" }), { publishAt: null }, now)).toBe("failed");
    expect(consoleDeliveryState(row({ uncertain: true }), { publishAt: null }, now)).toBe("uncertain");
    expect(consoleDeliveryState(row({ channel: { status: "forbidden" } }), { publishAt: null }, now)).toBe("channel-blocked");
    expect(consoleDeliveryState(row({}), { publishAt: null }, now)).toBe("queued");
  });

  it("links public channels by username and private ones by their internal id", () => {
    expect(messageLink("@karaganda_news", 42)).toBe("https://t.me/karaganda_news/42");
    expect(messageLink("-1001234567890", 42)).toBe("https://t.me/c/1234567890/42");
    expect(messageLink("-4567", 42)).toBeNull();
    expect(messageLink("@news", null)).toBeNull();
  });
});
