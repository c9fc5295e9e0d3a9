import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";

describe("publishing smoke", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CHANNELS: "@karaganda_news:ru,-1001234567890:kk" } });
  });
  afterAll(() => t.close());

  it("posts a new article to the channel of its language", async () => {
    const res = await t.api("POST", "/api/articles", { externalId: "a1", url: "https://ekaraganda.kz/a1", title: "Ремонт <дорог> & пробки", lead: "Лид", section: "Город", tags: ["дороги"] });
    expect(res.status).toBe(201);
    await t.fake.waitForCall((c) => c.method === "sendMessage" && c.params.chat_id === "@karaganda_news");
    await t.app.worker.idle();
    const got = await t.api("GET", "/api/articles/a1");
    expect(got.body.deliveries).toHaveLength(1);
    expect(got.body.deliveries[0].state).toBe("sent");
    console.log(JSON.stringify(t.fake.messages("@karaganda_news")[0]));
  });
});
