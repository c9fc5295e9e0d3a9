// Tip cards with two instances on one PostgreSQL: a card the editors' chat refused is retried by the
// sweeps of both instances at once, and still reaches the editors once; a card left claimed by an instance
// that is gone is posted by the next sweep, while a live instance's claim is left alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDITOR_CHAT_ID, startTestApp, type TestApp } from "../support/app.ts";
import { testProvider } from "../support/database.ts";
import { errors } from "../support/fake-telegram/index.ts";

const postgres = testProvider === "postgresql";
if (!postgres) console.info("test/cluster/recovery-tip-cards.test.ts: PostgreSQL only — two instances share one PostgreSQL; SQLite is one process");

describe.skipIf(!postgres)("tip cards on two instances (PostgreSQL only: instances share one PostgreSQL)", () => {
  let a: TestApp;
  let b: TestApp;
  let citizen = 8100;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ fake: a.fake, database: a.database });
    // Posting a card takes a moment, so both sweeps reach for it while the other is still posting.
    a.fake.latency(50);
  });
  afterAll(async () => {
    await b?.stopApp().catch(() => undefined);
    await a?.close();
  });

  const cards = (reference: string) => a.fake.messages(EDITOR_CHAT_ID).filter((m) => String(m.text ?? "").includes(reference));

  async function refusedTip() {
    a.fake.failNext({ method: "sendMessage", chatId: EDITOR_CHAT_ID, error: errors.badRequest("can't parse entities") });
    const user = await a.app.services.users.touch({ id: ++citizen, first_name: "Нурлан" });
    const tip = await a.app.services.tips.submit({ userId: user.id, language: "ru", draft: { topic: "city", text: `Свет не горит ${citizen}`, attachments: [], consent: "none" } });
    await a.app.services.tips.whenDeskIdle();
    expect(cards(tip.reference)).toHaveLength(0);
    return tip;
  }

  it("posts a refused card once when both instances sweep at the same time", async () => {
    const tip = await refusedTip();
    await Promise.all([a.app.runJob("post-tip-cards"), b.app.runJob("post-tip-cards"), b.app.runJob("post-tip-cards")]);
    await Promise.all([a.app.services.tips.whenDeskIdle(), b.app.services.tips.whenDeskIdle()]);
    expect(cards(tip.reference)).toHaveLength(1);
    const stored = await a.database.db.tip.findUniqueOrThrow({ where: { id: tip.id } });
    expect(stored).toMatchObject({ cardMessageId: cards(tip.reference)[0]!.message_id, cardClaim: null });
  });

  it("posts a card claimed by a gone instance, and leaves a live instance's claim alone", async () => {
    const gone = await refusedTip();
    const held = await refusedTip();
    await a.database.db.tip.update({ where: { id: gone.id }, data: { cardClaim: "gone-instance:1" } });
    await a.database.db.tip.update({ where: { id: held.id }, data: { cardClaim: `${a.app.cluster.id}:999` } });
    await b.app.runJob("post-tip-cards");
    expect(cards(gone.reference)).toHaveLength(1);
    expect(cards(held.reference)).toHaveLength(0);
    expect(b.logs.find((line) => line.msg === "tip cards left by a stopped instance are posted again")).toMatchObject({ cards: 1 });
  });
});
