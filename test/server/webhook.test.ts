import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { startTestApp } from "../support/app.ts";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("receiving updates", () => {
  it("registers the webhook with its secret and the update types polls need, and answers through it", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/telegram/webhook`;
    const t = await startTestApp({ env: { HTTP_PORT: String(port), WEBHOOK_URL: url, WEBHOOK_SECRET: "hook-secret_1" } });
    try {
      const [setWebhook] = t.fake.callsTo("setWebhook");
      expect(setWebhook!.params).toMatchObject({ url, secret_token: "hook-secret_1" });
      expect(setWebhook!.params.allowed_updates).toEqual(expect.arrayContaining(["message", "callback_query", "poll", "poll_answer"]));

      t.fake.user({ id: 501, language_code: "en" }).sendText("/help");
      await t.fake.waitForIdle();
      const reply = await t.fake.waitForCall((c) => c.method === "sendMessage" && c.params.chat_id === 501);
      expect(String(reply.params.text)).toContain("/tip");

      const forged = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "wrong" }, body: JSON.stringify({ update_id: 1 }) });
      expect(forged.status).toBe(401);
    } finally {
      await t.close();
    }
  });

  it("asks for poll updates when long polling", async () => {
    const t = await startTestApp();
    try {
      // A long poll is recorded when it returns: give it an update to return with.
      t.fake.user({ id: 502 }).sendText("/help");
      await t.fake.waitForIdle();
      const call = await t.fake.waitForCall((c) => c.method === "getUpdates");
      expect(call.params.allowed_updates).toEqual(expect.arrayContaining(["message", "callback_query", "poll", "poll_answer"]));
    } finally {
      await t.close();
    }
  });
});
