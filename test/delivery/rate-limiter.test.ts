import { describe, expect, it } from "vitest";
import { createRateLimiter, isGroupLike } from "../../src/delivery/rate-limiter.ts";
import { isQuietHour } from "../../src/publishing/quiet-hours.ts";

type Prev = Parameters<ReturnType<typeof createRateLimiter>["transformer"]>[0];

function recorder(answer: (method: string) => Awaited<ReturnType<Prev>> = () => ({ ok: true, result: true } as never)) {
  const sent: Array<{ at: number; chatId: unknown }> = [];
  const prev = (async (method: string, payload: { chat_id?: unknown }) => {
    sent.push({ at: Date.now(), chatId: payload.chat_id });
    return answer(method);
  }) as unknown as Prev;
  return { sent, prev };
}

describe("the rate limiter", () => {
  it("never lets more than the per-chat limit through in any window, and keeps chats apart", async () => {
    const limiter = createRateLimiter({ perChatPerSecond: 4, perGroupPerMinute: 1000, globalPerSecond: 1000 });
    const { sent, prev } = recorder();
    await Promise.all([
      ...Array.from({ length: 9 }, () => limiter.transformer(prev, "sendMessage", { chat_id: "@busy_channel", text: "x" } as never)),
      ...Array.from({ length: 3 }, () => limiter.transformer(prev, "sendMessage", { chat_id: "@quiet_channel", text: "x" } as never)),
    ]);
    const busy = sent.filter((s) => s.chatId === "@busy_channel").map((s) => s.at);
    for (const at of busy) expect(busy.filter((other) => other >= at && other < at + 1000).length).toBeLessThanOrEqual(4);
    expect(busy.at(-1)! - busy[0]!).toBeGreaterThanOrEqual(2000); // 9 messages at 4 per second: three windows
    const quiet = sent.filter((s) => s.chatId === "@quiet_channel").map((s) => s.at);
    // The other chat did not wait for the busy one: all its sends went out before the busy chat's fifth.
    expect(quiet).toHaveLength(3);
    expect(quiet.at(-1)!).toBeLessThan(busy[4]!);
  });

  it("counts a chat's send when it leaves, after waiting its turn on the global limit", async () => {
    // Four other chats fill the global second; @late's first send waits for the next one. Counted when it
    // queued instead of when it left, it would look a second old by then, and @late's next two sends
    // would go out right with it: three in a second where two are allowed.
    const limiter = createRateLimiter({ perChatPerSecond: 2, perGroupPerMinute: 1000, globalPerSecond: 4 });
    const { sent, prev } = recorder();
    const send = (chat: string) => limiter.transformer(prev, "sendMessage", { chat_id: chat, text: "x" } as never);
    await Promise.all([send("@a"), send("@b"), send("@c"), send("@d"), send("@late"), send("@late"), send("@late")]);
    const late = sent.filter((s) => s.chatId === "@late").map((s) => s.at);
    expect(late).toHaveLength(3);
    for (const at of late) expect(late.filter((other) => other >= at && other < at + 1000).length).toBeLessThanOrEqual(2);
  });

  it("pauses a chat for retry_after when Telegram still says 429", async () => {
    const limiter = createRateLimiter({ perChatPerSecond: 100, perGroupPerMinute: 1000, globalPerSecond: 1000 });
    const { prev } = recorder(() => ({ ok: false, error_code: 429, description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } }) as never);
    await limiter.transformer(prev, "sendMessage", { chat_id: -100123, text: "x" } as never);
    expect(limiter.isPaused(-100123)).toBe(true);
    expect(limiter.isPaused(-100456)).toBe(false);
  });

  it("steps the readers' rate down after a 429 that came despite its pacing, and back up after a calm spell", async () => {
    // Telegram counts arrivals, the windows count departures: a 429 means arrivals were bunched on the way.
    let offset = 0;
    const now = () => Date.now() + offset;
    const limiter = createRateLimiter({ perChatPerSecond: 100, perGroupPerMinute: 1000, globalPerSecond: 1000, readers: { perSecond: 50, paid: false } }, now);
    let refuse = true;
    const sent: number[] = [];
    const prev = (async () => {
      if (refuse) {
        refuse = false;
        return { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } };
      }
      sent.push(now());
      return { ok: true, result: true };
    }) as unknown as Prev;
    const burst = (count: number, firstChat: number) => Promise.all(Array.from({ length: count }, (_, i) =>
      limiter.readersTransformer(prev, "sendMessage", { chat_id: firstChat + i, text: "x" } as never)));
    const inFirstSecond = () => sent.filter((at) => at < sent[0]! + 1000).length;

    await burst(1, 1);
    await burst(50, 1000);
    expect(inFirstSecond()).toBe(48); // 97% of 50, where 50 would go untouched
    sent.length = 0;
    offset += 31_000;
    await burst(60, 5000);
    expect(inFirstSecond()).toBe(49); // a calm 30 s gives back 1%
  });

  it("lets calls that send nothing through untouched", async () => {
    const limiter = createRateLimiter({ perChatPerSecond: 1, perGroupPerMinute: 1, globalPerSecond: 1 });
    const { sent, prev } = recorder();
    for (let i = 0; i < 5; i++) await limiter.transformer(prev, "getChat", { chat_id: "@news_channel" } as never);
    expect(sent).toHaveLength(5);
    // Limited, five calls at one a second would span four seconds at least.
    expect(sent.at(-1)!.at - sent[0]!.at).toBeLessThan(1000);
  });

  it("forgets chats that went quiet, so 10,000 citizens do not stay in memory", async () => {
    let clock = 0;
    const limiter = createRateLimiter({ perChatPerSecond: 1, perGroupPerMinute: 20, globalPerSecond: 100_000 }, () => clock);
    const { sent, prev } = recorder();
    let most = 0;
    for (let i = 0; i < 10_000; i++) {
      await limiter.transformer(prev, "sendMessage", { chat_id: 100_000 + i, text: "x" } as never);
      clock += 5; // 200 new citizens a second, each answered once
      most = Math.max(most, limiter.trackedChats());
    }
    expect(sent).toHaveLength(10_000);
    // A private chat's budget outlives its one-second window by at most a sweep: about 2 s of citizens.
    expect(most).toBeLessThanOrEqual(450);
    clock += 61_000;
    await limiter.transformer(prev, "sendMessage", { chat_id: "@news_channel", text: "x" } as never);
    expect(limiter.trackedChats()).toBe(1);
  });

  it("keeps a quiet chat's pause until it is over", async () => {
    let clock = 0;
    const limiter = createRateLimiter({ perChatPerSecond: 1, perGroupPerMinute: 20, globalPerSecond: 100 }, () => clock);
    limiter.pause(-100777, 30);
    clock += 5_000;
    await limiter.transformer(recorder().prev, "sendMessage", { chat_id: 1, text: "x" } as never);
    expect(limiter.isPaused(-100777)).toBe(true);
    clock += 26_000;
    expect(limiter.isPaused(-100777)).toBe(false);
  });

  it("treats channels, groups and @usernames as groups, users as private chats", () => {
    expect([isGroupLike(-1001234), isGroupLike("@karaganda_news"), isGroupLike(777), isGroupLike("777")]).toEqual([true, true, false, false]);
  });
});

describe("quiet hours", () => {
  const at = (iso: string) => new Date(iso);
  const quiet = { from: 23, to: 7 };
  // Asia/Almaty is UTC+5.
  it.each([
    ["2026-11-28T18:30:00Z", true, "23:30"],
    ["2026-11-28T01:59:00Z", true, "06:59"],
    ["2026-11-28T02:00:00Z", false, "07:00"],
    ["2026-11-28T17:59:00Z", false, "22:59"],
  ])("at %s quiet is %s (%s local)", (iso, expected) => {
    expect(isQuietHour(at(iso), "Asia/Almaty", quiet)).toBe(expected);
  });

  it("can be switched off", () => {
    expect(isQuietHour(at("2026-11-28T20:00:00Z"), "Asia/Almaty", null)).toBe(false);
  });
});
