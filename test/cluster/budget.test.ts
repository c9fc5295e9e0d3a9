// Several limiters, each on its own cluster (its own control connection), share one PostgreSQL database
// as instances do: together they stay within Telegram's overall, per-group and per-chat limits, together
// they still use nearly all of the overall one, and the share of one that dies goes back to the others.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCluster, type Cluster } from "../../src/cluster/cluster.ts";
import { createRateLimiter, type RateLimiter, type RateLimits } from "../../src/delivery/rate-limiter.ts";
import type { SharedStore } from "../../src/delivery/shared-budget.ts";
import { memoryLogger } from "../support/app.ts";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/database.ts";

type Prev = Parameters<RateLimiter["transformer"]>[0];
interface Sent { at: number; instance: number; lane: "default" | "readers"; chatId: unknown }

const onSqlite = testProvider !== "postgresql";
if (onSqlite) console.info("test/cluster/budget.test.ts: PostgreSQL only — SQLite is one process, its budget stays in memory (set TEST_DATABASE_URL)");

/**
 * The sends a second, averaged over every 1 s window between `from` and `to` (sends come in bursts as
 * windows free up; the average over all windows is not thrown by where a count happens to start).
 */
function averageRate(times: number[], from: number, to: number): number {
  let sum = 0;
  for (const at of times) sum += Math.max(0, Math.min(at, to) - Math.max(at - 1000, from));
  return sum / (to - from);
}

/** The most sends any window of `spanMs` holds. */
function busiest(times: number[], spanMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= spanMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe.skipIf(onSqlite)("a Telegram budget shared by several instances (PostgreSQL only)", () => {
  let database: TestDatabase;
  const clusters: Cluster[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const cluster of clusters) await cluster.close();
    await database?.destroy();
  });

  async function instances(count: number, limits: RateLimits) {
    return Promise.all(Array.from({ length: count }, async (_, instance) => {
      const cluster = await createCluster({ url: database.url, provider: "postgresql", logger: memoryLogger([]) });
      clusters.push(cluster);
      const store: SharedStore & { trips: number; granted: number } = {
        trips: 0,
        granted: 0,
        async query<T>(sql: string, params?: unknown[]) {
          store.trips++;
          const rows = await cluster.query<T>(sql, params);
          for (const row of rows as Array<{ granted?: number }>) store.granted += row.granted ?? 0;
          return rows;
        },
      };
      return { instance, cluster, store, limiter: createRateLimiter(limits, Date.now, store) };
    }));
  }

  /** `senders` loops per instance and lane, each sending to fresh private chats until `stop` says so. */
  function hammer(
    nodes: Awaited<ReturnType<typeof instances>>, lanes: Array<"default" | "readers">, sent: Sent[], stopped: (instance: number) => boolean,
  ): Promise<unknown> {
    let chat = 1_000_000;
    return Promise.all(nodes.flatMap(({ instance, limiter }) => lanes.flatMap((lane) => Array.from({ length: 10 }, async () => {
      const prev = (async (_method: string, payload: { chat_id?: unknown }) => {
        sent.push({ at: Date.now(), instance, lane, chatId: payload.chat_id });
        return { ok: true, result: true };
      }) as unknown as Prev;
      const transformer = lane === "readers" ? limiter.readersTransformer : limiter.transformer;
      while (!stopped(instance)) {
        // A killed instance's last send fails with its connection: expected, and not counted.
        await transformer(prev, "sendMessage", { chat_id: chat++, text: "x" } as never).catch((error: unknown) => {
          if (!stopped(instance)) throw error;
        });
      }
    }))));
  }

  it("keeps three instances together within the overall limit and the readers' share, and uses nearly all of it", async () => {
    const nodes = await instances(3, { perChatPerSecond: 1, perGroupPerMinute: 20, globalPerSecond: 30, readers: { perSecond: 20, paid: false } });
    const sent: Sent[] = [];
    let stop = false;
    const started = Date.now();
    const running = hammer(nodes, ["default", "readers"], sent, () => stop);
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const stoppedAt = Date.now();
    stop = true;
    await running;
    const elapsed = (Date.now() - started) / 1000;
    expect(busiest(sent.map((s) => s.at), 1000)).toBeLessThanOrEqual(30);
    expect(busiest(sent.filter((s) => s.lane === "readers").map((s) => s.at), 1000)).toBeLessThanOrEqual(20);
    // The first second is a burst (every window starts empty); the rate is judged over the rest. The most
    // it can be is 1000 ms over the span the database counts a grant for (1035 ms + GRANT_TTL_MS).
    const steady = averageRate(sent.map((s) => s.at), started + 1100, stoppedAt - 1000);
    const trips = nodes.map((n) => (n.store.trips / elapsed).toFixed(1));
    const granted = nodes.reduce((sum, n) => sum + n.store.granted, 0);
    console.info(`shared budget, 3 instances: ${sent.length} sends of ${granted} granted in ${elapsed.toFixed(1)} s, steady ${steady.toFixed(1)}/s of 30 (${(steady / 30 * 100).toFixed(1)}%), round trips a second per instance: ${trips.join(", ")}`);
    // Under a loaded machine some grants expire before the answer is read (the figure above says how many).
    expect(steady).toBeGreaterThanOrEqual(30 * 0.85);
    expect(new Set(sent.map((s) => s.instance)).size).toBe(3);
  }, 20_000);

  it("gives a dead instance's share back to the others within about a second", async () => {
    const nodes = await instances(3, { perChatPerSecond: 1, perGroupPerMinute: 20, globalPerSecond: 30, readers: { perSecond: 20, paid: false } });
    const sent: Sent[] = [];
    const dead = new Set<number>();
    let stop = false;
    const started = Date.now();
    const running = hammer(nodes, ["readers"], sent, (instance) => stop || dead.has(instance));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    // Killed: its senders stop, its connection goes (what kill -9 does to it), its grants are left unused.
    dead.add(2);
    const killedAt = Date.now();
    await nodes[2]!.cluster.close();
    await new Promise((resolve) => setTimeout(resolve, 4000));
    stop = true;
    await running;
    expect(busiest(sent.map((s) => s.at), 1000)).toBeLessThanOrEqual(20);
    // Its last grants count until 1055 ms after its death; from then on the two survivors have it all.
    const survivors = averageRate(sent.filter((s) => s.instance !== 2).map((s) => s.at), killedAt + 1100, killedAt + 3000);
    const before = averageRate(sent.map((s) => s.at), started + 1100, killedAt - 1000);
    console.info(`shared budget after a death: ${before.toFixed(1)}/s of 20 by three, then ${survivors.toFixed(1)}/s by the two survivors from 1.1 s after it`);
    expect(survivors).toBeGreaterThanOrEqual(20 * 0.85);
  }, 20_000);

  it("keeps two instances' sends to one channel within its per-second and per-minute limits together", async () => {
    const nodes = await instances(2, { perChatPerSecond: 1, perGroupPerMinute: 3, globalPerSecond: 30 });
    const sent: Sent[] = [];
    const all = nodes.flatMap(({ instance, limiter }) => Array.from({ length: 3 }, (_, i) => limiter.transformer((async (_m: string, payload: { chat_id?: unknown; text?: string }) => {
      sent.push({ at: Date.now(), instance, lane: "default", chatId: payload.text });
      return { ok: true, result: true };
    }) as unknown as Prev, "sendMessage", { chat_id: "@shared_channel", text: `${instance}-${i}` } as never)));
    const settled = Promise.allSettled(all);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    // Three a minute between them.
    expect(sent).toHaveLength(3);
    const times = sent.map((s) => s.at).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
    // Each instance's own sends to the channel kept their order.
    for (const instance of [0, 1]) {
      const own = sent.filter((s) => s.instance === instance).map((s) => s.chatId);
      expect(own).toEqual([...own].sort());
    }
    // The other three wait for the minute to pass; they fail when their instances close.
    void settled;
  }, 20_000);

  it("pauses the readers' lane of every instance when Telegram answers one of them 429", async () => {
    const nodes = await instances(2, { perChatPerSecond: 1, perGroupPerMinute: 20, globalPerSecond: 30, readers: { perSecond: 20, paid: false } });
    const tooMany = (async () => ({ ok: false, error_code: 429, description: "Too Many Requests: retry after 2", parameters: { retry_after: 2 } })) as unknown as Prev;
    const refusedAt = Date.now();
    await nodes[0]!.limiter.readersTransformer(tooMany, "sendMessage", { chat_id: 9_000_001, text: "x" } as never);
    // Sharing the pause is a write of its own: wait until the database has it, as the other instance will.
    await expect.poll(async () => (await nodes[1]!.cluster.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "SendLane" WHERE "lane" = 'readers' AND "pausedUntil" > clock_timestamp()`))[0]!.n).toBe(1);
    let sentAt = 0;
    await nodes[1]!.limiter.readersTransformer((async () => {
      sentAt = Date.now();
      return { ok: true, result: true };
    }) as unknown as Prev, "sendMessage", { chat_id: 9_000_002, text: "x" } as never);
    expect(sentAt - refusedAt).toBeGreaterThanOrEqual(1900);
  }, 20_000);
});
