// The bookkeeping of grants an instance holds: how long they last and how the database's clock is read.
// The store here is a scripted answerer for habarshy_take_budget (the function itself is exercised on a real
// PostgreSQL in test/cluster/budget.test.ts); the clock is a number the test moves.
import { describe, expect, it } from "vitest";
import { DatabaseClock, GRANT_TTL_MS, SharedWindow, type SharedStore } from "../../src/delivery/shared-budget.ts";

function scripted(dbOffset: number, clock: { t: number }, granted = 2, roundTrip = 3) {
  const asks: unknown[][] = [];
  const store: SharedStore = {
    async query<T>(_sql: string, params: unknown[] = []) {
      asks.push(params);
      clock.t += roundTrip; // the grant is logged half-way
      const grantedAt = clock.t - roundTrip / 2 + dbOffset;
      return [{ granted, waitMs: 0, grantedAt }] as T[];
    },
  };
  return { store, asks };
}

describe("grants held by one instance", () => {
  it("asks for a small chunk, spends it without asking again, and gives a grant the shortest life on a calm machine", async () => {
    const clock = { t: 1_000_000 };
    const now = () => clock.t;
    const { store, asks } = scripted(0, clock);
    const window = new SharedWindow(store, new DatabaseClock(now), "free", () => 30, 1035, now);
    await window.take(10);
    await window.take(10);
    expect(asks).toEqual([["free", 2, 30, 1035, null, null, null, GRANT_TTL_MS]]);
  });

  it("drops a grant not sent within its lifetime after the grant, and asks afresh", async () => {
    const clock = { t: 1_000_000 };
    const now = () => clock.t;
    const { store, asks } = scripted(0, clock);
    const window = new SharedWindow(store, new DatabaseClock(now), "free", () => 30, 1035, now);
    const expiry = await window.take(10);
    // Good until GRANT_TTL_MS after the grant was logged (1.5 ms before the answer came), not after.
    expect(expiry).toBeLessThanOrEqual(clock.t - 1.5 + GRANT_TTL_MS + 1);
    clock.t += GRANT_TTL_MS;
    await window.take(10);
    expect(asks).toHaveLength(2);
  });

  it("reads the database's clock from its answers, erring early, whatever the offset between the clocks", async () => {
    for (const offset of [0, 3_600_000, -7_000]) {
      const clock = { t: 5_000_000 };
      const now = () => clock.t;
      const { store } = scripted(offset, clock);
      const window = new SharedWindow(store, new DatabaseClock(now), "free", () => 30, 1035, now);
      const asked = clock.t;
      const expiry = await window.take(1);
      // The grant happened at asked + 1.5 here; its expiry is no later than that plus its lifetime, and
      // not so early that it is useless.
      expect(expiry).toBeLessThanOrEqual(asked + 1.5 + GRANT_TTL_MS);
      expect(expiry).toBeGreaterThan(asked + GRANT_TTL_MS - 3);
    }
  });

  it("gives grants a longer life after slow answers, and the short one again once answers are quick", async () => {
    const clock = { t: 1_000_000 };
    const now = () => clock.t;
    let roundTrip = 80; // a busy event loop: the answer is read 40 ms after the grant
    const asks: unknown[][] = [];
    const store: SharedStore = {
      async query<T>(_sql: string, params: unknown[] = []) {
        asks.push(params);
        clock.t += roundTrip;
        return [{ granted: 1, waitMs: 0, grantedAt: clock.t - roundTrip / 2 }] as T[];
      },
    };
    const window = new SharedWindow(store, new DatabaseClock(now), "free", () => 30, 1035, now);
    const first = await window.take(1);
    // The first grant's 20 ms life was over before it arrived: it is dropped and asked for again, longer.
    expect(first).toBeGreaterThan(clock.t);
    const lives = () => asks.map((params) => params.at(-1) as number);
    expect(lives()[0]).toBe(GRANT_TTL_MS);
    expect(lives().at(-1)!).toBeGreaterThan(80);
    roundTrip = 2;
    for (let i = 0; i < 40; i++) await window.take(1);
    expect(lives().at(-1)).toBe(GRANT_TTL_MS);
  });
});
