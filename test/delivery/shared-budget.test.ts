// The bookkeeping of grants an instance holds: how long they last and how the database's clock is read.
// The store here is a scripted answerer for habarshy_take_budget (the function itself is exercised on a real
// PostgreSQL in test/cluster/budget.test.ts); the clock is a number the test moves.
import { describe, expect, it } from "vitest";
import { DatabaseClock, GRANT_TTL_MS, SharedWindow, type SharedStore } from "../../src/delivery/shared-budget.ts";

function scripted(dbOffset: number, clock: { t: number }, granted = 2) {
  const asks: unknown[][] = [];
  const store: SharedStore = {
    async query<T>(_sql: string, params: unknown[] = []) {
      asks.push(params);
      clock.t += 3; // the round trip: the grant is logged half-way
      const grantedAt = clock.t - 1.5 + dbOffset;
      return [{ granted, waitMs: 0, grantedAt }] as T[];
    },
  };
  return { store, asks };
}

describe("grants held by one instance", () => {
  it("asks for a small chunk, spends it without asking again, and counts each grant over the span plus its lifetime", async () => {
    const clock = { t: 1_000_000 };
    const now = () => clock.t;
    const { store, asks } = scripted(0, clock);
    const window = new SharedWindow(store, new DatabaseClock(now), "free", () => 30, 1035, now);
    await window.take(10);
    await window.take(10);
    expect(asks).toEqual([["free", 2, 30, 1035 + GRANT_TTL_MS, null, null, null]]);
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
});
