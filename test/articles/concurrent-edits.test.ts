// Many edits of one article at the same moment (a CMS retrying, two editors saving): each gets its own
// revision, the newest one wins in the store, and every channel ends showing it. SQLite serialises
// transactions by itself; PostgreSQL at READ COMMITTED does not, so this is where the row lock is proven
// (the same test runs on both: `npm run test:postgres`).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { createDeliveryRepository } from "../../src/publishing/delivery-repository.ts";

const CHANNELS = ["@edits_ru", "@edits_ru_2", "-1001000000777"];

describe("concurrent edits of one article", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CHANNELS: CHANNELS.map((c) => `${c}:ru`).join(",") } });
  });
  afterAll(() => t.close());

  it("gives 20 simultaneous edits distinct revisions and ends every channel on the newest", async () => {
    const base = { externalId: "race-1", url: "https://ekaraganda.kz/news/race-1", lead: "Лид." };
    expect((await t.api("POST", "/api/articles", { ...base, title: "Версия 0" })).status).toBe(201);
    await t.app.worker.idle();

    // While the worker is still posting and editing, 20 different versions arrive at once.
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      t.api("POST", "/api/articles", { ...base, title: `Версия ${i + 1}` })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const revisions = answers.map((a) => a.body.revision as number);
    expect([...revisions].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));

    // The version answered with the highest revision is the one stored…
    const newest = answers.find((a) => a.body.revision === 21)!.body.title as string;
    const stored = (await t.api("GET", "/api/articles/race-1")).body;
    expect(stored).toMatchObject({ revision: 21, title: newest });

    // …and the one every channel shows once the worker is done.
    await t.app.worker.idle();
    const after = (await t.api("GET", "/api/articles/race-1")).body;
    expect(after.deliveries.map((d: { state: string; revision: number }) => [d.state, d.revision]))
      .toEqual(CHANNELS.map(() => ["sent", 21]));
    for (const chat of CHANNELS) {
      const posts = t.fake.messages(chat);
      expect(posts).toHaveLength(1);
      expect(posts[0]!.text!.split("\n")[0]).toBe(newest);
    }
  });
});

// The two sides that write a delivery row — an edit (article service) and the worker confirming a send —
// each lock the row before reading it. Here the other side holds the row in an open transaction while
// one side starts, and commits once that side waits for the lock: without the lock, it would act on what
// it read before the commit. On SQLite (one writer at a time) the other side's write simply comes first.
describe("an edit and a confirmation crossing on one delivery", () => {
  let t: TestApp;
  beforeAll(async () => {
    // Not started: no worker takes the rows; the test plays the worker's part.
    t = await startTestApp({ env: { CHANNELS: "@crossing:ru" }, start: false });
    await t.app.services.channels.seed(t.config.channels);
  });
  afterAll(() => t.close());

  let seq = 0;
  async function claimed() {
    const externalId = `cross-${++seq}`;
    await t.app.services.articles.upsert({ externalId, url: `https://ekaraganda.kz/news/${externalId}`, title: "Первая версия" });
    const repo = createDeliveryRepository(t.database.db);
    const row = await t.database.db.delivery.findFirstOrThrow({ where: { article: { externalId } } });
    const claim = (await repo.claim(row.id, `test:${seq}`, new Date()))!;
    expect(claim).toMatchObject({ state: "sending", targetRevision: 1 });
    return { externalId, repo, claim };
  }
  const deliveryOf = (id: number) => t.database.db.delivery.findUniqueOrThrow({ where: { id } });

  it("a confirmation never answers an edit that committed while it was confirming", async () => {
    const { repo, claim } = await claimed();
    await whileLocked(t, `UPDATE "Delivery" SET "targetRevision" = 2 WHERE "id" = ${claim.id}`,
      () => repo.confirm(claim, { action: "post", revision: 1, messageId: 5 }));
    expect(await deliveryOf(claim.id)).toMatchObject({ state: "pending", action: "edit", targetRevision: 2, sentRevision: 1, messageId: 5 });
  });

  it("an edit never lands on a send that was confirmed while it was editing", async () => {
    const { externalId, claim } = await claimed();
    await whileLocked(t, `UPDATE "Delivery" SET "state" = 'sent', "sentRevision" = 1, "messageId" = 5, "claimToken" = NULL WHERE "id" = ${claim.id}`,
      () => t.app.services.articles.upsert({ externalId, url: `https://ekaraganda.kz/news/${externalId}`, title: "Вторая версия" }));
    expect(await deliveryOf(claim.id)).toMatchObject({ state: "pending", action: "edit", targetRevision: 2, sentRevision: 1 });
  });
});

/**
 * Runs `sql` in a transaction of its own that stays open until `during` waits for a row lock (PostgreSQL),
 * then commits and returns what `during` returned. On SQLite, `sql` is simply committed first.
 */
async function whileLocked<T>(t: TestApp, sql: string, during: () => Promise<T>): Promise<T> {
  if (t.database.provider === "sqlite") {
    await t.database.db.$executeRawUnsafe(sql);
    return during();
  }
  const client = new pg.Client({ connectionString: t.database.url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(sql);
    const result = during();
    // pg_stat_activity shows the other session waiting for our lock: that is the moment to commit.
    for (let waited = 0; ; waited += 10) {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`);
      if (rows[0].n > 0) break;
      if (waited > 10_000) throw new Error("nobody waited for the lock");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await client.query("COMMIT");
    return await result;
  } finally {
    await client.end();
  }
}
