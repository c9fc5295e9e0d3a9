// After a failover Telegram redelivers what the dead consumer fetched but never confirmed. Here the dead
// consumer is played by hand: its getUpdates takes four updates, an instance handles two of them, and then
// a new long-polling instance takes over. It must handle the other two and skip the two already handled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { startTestApp, type TestApp } from "../support/app.ts";
import { testProvider } from "../support/database.ts";

const reason = "PostgreSQL only: handled updates are recorded only in a store shared by several instances";
if (testProvider !== "postgresql") console.info(`test/cluster/updates-redelivery.test.ts skipped: ${reason}`);

describe.skipIf(testProvider !== "postgresql")("updates redelivered after a failover (PostgreSQL only)", () => {
  let dying: TestApp;
  let next: TestApp | undefined;
  beforeAll(async () => {
    dying = await startTestApp({ app: { receiveUpdates: false } });
  });
  afterAll(async () => {
    await next?.stopApp();
    await dying.close();
  });

  it("skips the updates the dead consumer handled and handles the rest once", async () => {
    const { fake } = dying;
    const users = [901, 902, 903, 904];
    for (const id of users) fake.user({ id }).sendText("hello");
    // The dead consumer's last getUpdates: fetched, never confirmed by a later call.
    const response = await fetch(`${fake.apiRoot}/bot${fake.token}/getUpdates`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ timeout: 0 }),
    });
    const fetched = ((await response.json()) as { result: Update[] }).result;
    expect(fetched).toHaveLength(users.length);
    for (const update of fetched.slice(0, 2)) await dying.app.bot.handleUpdate(update);

    next = await startTestApp({ fake, database: dying.database });
    await fake.waitForIdle({ timeoutMs: 10_000 });
    // Updates after the takeover are new to everyone: handled without a lookup, and once.
    fake.user({ id: 905 }).sendText("hello after");
    await fake.waitForIdle({ timeoutMs: 10_000 });
    // Confirmed is not yet answered (the runner confirms a batch as it starts handling it).
    await fake.waitForCalls((c) => c.method === "sendMessage" && [903, 904, 905].includes(Number(c.params.chat_id)), 3, { timeoutMs: 10_000 });

    const replies = (id: number) => fake.callsTo("sendMessage").filter((c) => c.params.chat_id === id).length;
    expect([...users, 905].map(replies)).toEqual([1, 1, 1, 1, 1]);
    expect(next.logs.filter((line) => line.msg === "skipping an update another consumer already handled")).toHaveLength(2);
  });
});
