// Tip cards are an outbox: the citizen hears back as soon as the tip is stored, whatever the editors' chat
// is doing, and a card the chat refused is posted later by the post-tip-cards job — once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryLogger, startTestApp, type TestApp } from "../support/app.ts";
import { errors, type FakeError } from "../support/fake-telegram/index.ts";
import { soloInstance } from "../../src/delivery/claim-tokens.ts";
import { createTipCardOutbox, type CardOutcome } from "../../src/tips/tip-card-outbox.ts";
import type { TipRow } from "../../src/tips/tip-repository.ts";
import { Citizen, desk, EDITOR_CHAT_ID, sendFullTip, trackHandling, type Settle } from "./driver.ts";

const tipsOf = (t: TestApp, telegramId: number) =>
  t.database.db.tip.findMany({ where: { user: { telegramId: String(telegramId) } }, orderBy: { id: "asc" } });
const cardsOf = (t: TestApp, reference: string) => desk(t).filter((m) => m.text?.startsWith(`📝 ${reference} `));

describe("tip cards when the editors' chat refuses", () => {
  let t: TestApp;
  let settle: Settle;
  beforeAll(async () => {
    t = await startTestApp();
    settle = trackHandling(t);
  });
  afterAll(() => t.close());

  const refusals = ([
    ["403 (bot removed from the group)", errors.forbidden("bot was kicked from the supergroup chat")],
    ["500 (Telegram down)", errors.internal()],
  ] as Array<[string, FakeError]>).map(([name, error]) => [name, error as Extract<FakeError, { kind: "api" }>] as const);
  refusals.forEach(([name, error], i) => {
    it(`gives the citizen the reference at once and posts the card once the chat works again: ${name}`, async () => {
      const c = new Citizen(t, settle, 7000 + i, "en");
      t.fake.failNext({ method: "sendMessage", chatId: EDITOR_CHAT_ID, error });
      await sendFullTip(c, { photos: 2, phone: "+77015554433" });

      const [tip] = await tipsOf(t, c.id);
      expect(tip).toMatchObject({ cardMessageId: null, status: "new" });
      expect(c.lastSaid()).toBe(t.app.translate("en", "tip-sent", { reference: tip!.reference }));
      expect(cardsOf(t, tip!.reference)).toHaveLength(0);
      const refused = t.logs.find((l) => l.tipId === tip!.id && l.level === 50);
      expect(refused?.err).toMatchObject({ code: error.error_code });
      expect(t.logText()).not.toContain("5554433");

      const said = c.said().length;
      await t.app.runJob("post-tip-cards");
      const cards = cardsOf(t, tip!.reference);
      expect(cards).toHaveLength(1);
      expect((await tipsOf(t, c.id))[0]!.cardMessageId).toBe(cards[0]!.message_id);
      const album = desk(t).filter((m) => m.reply_to_message_id === cards[0]!.message_id && m.photo);
      expect(album.map((m) => m.photo)).toEqual([`album-${c.id}-photo-0`, `album-${c.id}-photo-1`]);

      // Nothing more on later runs, and the citizen is not told anything twice.
      await t.app.runJob("post-tip-cards");
      expect(cardsOf(t, tip!.reference)).toHaveLength(1);
      expect(c.said()).toHaveLength(said);
    });
  });

  it("posts every missing card oldest first, once, even when the job is run twice at the same time", async () => {
    const citizens = [7100, 7101, 7102].map((id) => new Citizen(t, settle, id, "ru"));
    t.fake.failNext({ method: "sendMessage", chatId: EDITOR_CHAT_ID, times: 3, error: errors.internal() });
    for (const c of citizens) await sendFullTip(c, { photos: 0 });
    const tips = (await Promise.all(citizens.map((c) => tipsOf(t, c.id)))).flat();
    expect(tips.map((tip) => tip.cardMessageId)).toEqual([null, null, null]);

    await Promise.all([t.app.runJob("post-tip-cards"), t.app.runJob("post-tip-cards")]);
    const cards = tips.map((tip) => cardsOf(t, tip.reference));
    expect(cards.map((c) => c.length)).toEqual([1, 1, 1]);
    const ids = cards.map((c) => c[0]!.message_id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it("posts the cards after one that Telegram refuses, and stops at a chat that refuses everything", async () => {
    const citizens = [7110, 7111, 7112].map((id) => new Citizen(t, settle, id, "ru"));
    t.fake.failNext({ method: "sendMessage", chatId: EDITOR_CHAT_ID, times: 3, error: errors.internal() });
    for (const c of citizens) await sendFullTip(c, { photos: 0 });
    const tips = (await Promise.all(citizens.map((c) => tipsOf(t, c.id)))).flat();

    // The bot was removed: one call tells, and the sweep stops rather than knock on the door twice more.
    const calls = t.fake.callsTo("sendMessage").length;
    t.fake.failNext({ method: "sendMessage", chatId: EDITOR_CHAT_ID, error: errors.forbidden("bot was kicked from the supergroup chat") });
    await t.app.runJob("post-tip-cards");
    expect(t.fake.callsTo("sendMessage").slice(calls).map((c) => c.response.error_code)).toEqual([403]);

    // The oldest card is refused for its content: the two after it still go out in this run.
    t.fake.failNext({ method: "sendMessage", chatId: EDITOR_CHAT_ID, error: errors.badRequest("can't parse entities: unexpected end tag at byte offset 17") });
    await t.app.runJob("post-tip-cards");
    expect(tips.map((tip) => cardsOf(t, tip.reference).length)).toEqual([0, 1, 1]);
    expect(t.logs.find((l) => String(l.msg).startsWith("Telegram refused some tip cards"))).toMatchObject({ posted: 2, refused: [tips[0]!.id] });

    await t.app.runJob("post-tip-cards");
    expect(tips.map((tip) => cardsOf(t, tip.reference).length)).toEqual([1, 1, 1]);
  });

  it("leaves spam alone", async () => {
    const c = new Citizen(t, settle, 7200, "kk");
    t.fake.failNext({ method: "sendMessage", chatId: EDITOR_CHAT_ID, error: errors.internal() });
    await sendFullTip(c, { photos: 0 });
    const [tip] = await tipsOf(t, c.id);
    await t.database.db.tip.update({ where: { id: tip!.id }, data: { status: "spam" } });
    await t.app.runJob("post-tip-cards");
    expect(cardsOf(t, tip!.reference)).toHaveLength(0);
  });
});

describe("tip cards when the editors' chat is slow", () => {
  let t: TestApp;
  let settle: Settle;
  beforeAll(async () => {
    // Two messages a minute to the group: one card and its album use it up.
    t = await startTestApp({ env: { GROUP_MESSAGES_PER_MINUTE: "2" } });
    settle = trackHandling(t, { waitForDesk: false });
  });
  // The second card is still waiting for the group's budget; stopping does not wait a minute for it.
  afterAll(() => t.close());

  it("does not keep the citizen waiting for the card", async () => {
    const first = new Citizen(t, settle, 7300, "en");
    await sendFullTip(first, { photos: 2 });
    await t.app.services.tips.whenDeskIdle();
    const cards = () => desk(t).filter((m) => m.text?.startsWith("📝 "));
    expect(cards()).toHaveLength(1);

    const second = new Citizen(t, settle, 7301, "ru");
    await sendFullTip(second, { photos: 2 });

    const [tip] = await tipsOf(t, second.id);
    expect(second.lastSaid()).toBe(t.app.translate("ru", "tip-sent", { reference: tip!.reference }));
    // Answered right after the preview (times as the fake recorded the calls), while its card waits
    // about a minute for the group's budget.
    const toCitizen = t.fake.callsTo("sendMessage").filter((c) => c.params.chat_id === second.id);
    const [preview, answer] = toCitizen.slice(-2);
    expect(String(preview!.params.text)).toContain(t.app.translate("ru", "tip-preview-intro"));
    expect(answer!.at - preview!.at).toBeLessThan(30_000);
    expect(tip!.cardMessageId).toBeNull();
    expect(cards()).toHaveLength(1);
  });
});

describe("tips without an editors' chat", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { EDITOR_CHAT_ID: undefined } });
  });
  afterAll(() => t.close());

  it("says once at start that tips cannot reach a desk, and still stores them and answers", async () => {
    const c = new Citizen(t, trackHandling(t), 7400, "kk");
    await sendFullTip(c, { photos: 1 });
    await sendFullTip(c, { photos: 0 });
    await t.app.runJob("post-tip-cards");
    const tips = await tipsOf(t, c.id);
    expect(tips).toHaveLength(2);
    expect(c.lastSaid()).toBe(t.app.translate("kk", "tip-sent", { reference: tips[1]!.reference }));
    expect(t.logs.filter((l) => String(l.msg).includes("EDITOR_CHAT_ID"))).toHaveLength(1);
    expect(t.fake.callsTo("sendMessage").filter((call) => Number(call.params.chat_id) < 0)).toHaveLength(0);
  });
});

describe("the card outbox", () => {
  function setup(answers: Record<number, CardOutcome> = {}) {
    const rows = new Map<number, { id: number; status: string; cardMessageId: number | null; cardClaim: string | null }>(
      [1, 2, 3, 4].map((id) => [id, { id, status: "new", cardMessageId: null, cardClaim: null }]),
    );
    const calls: number[] = [];
    const lines: string[] = [];
    const outbox = createTipCardOutbox({
      logger: memoryLogger(lines),
      store: {
        withoutCard: async (afterId, limit) => [...rows.values()].filter((r) => r.cardMessageId === null && r.status !== "spam" && r.id > afterId).slice(0, limit).map((r) => r.id),
        countWithoutCard: async () => [...rows.values()].filter((r) => r.cardMessageId === null).length,
        byId: async (id) => ({ ...rows.get(id)! }) as unknown as TipRow,
        async claimCard(id, token) {
          const row = rows.get(id)!;
          if (row.cardMessageId !== null || row.cardClaim !== null) return false;
          row.cardClaim = token;
          return true;
        },
        releaseCard: async (id, token) => void (rows.get(id)!.cardClaim === token && (rows.get(id)!.cardClaim = null)),
        cardClaims: async () => [...rows.values()].flatMap((r) => (r.cardClaim && r.cardMessageId === null ? [r.cardClaim] : [])),
        freeCardClaims: async () => 0,
      },
      instance: soloInstance("test"),
    });
    outbox.connect(async (tip) => {
      calls.push(tip.id);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const answer = answers[tip.id] ?? "posted";
      if (answer === "posted") Object.assign(rows.get(tip.id)!, { cardMessageId: 100 + tip.id, cardClaim: null });
      return answer;
    });
    return { outbox, calls, lines };
  }

  it("never posts one tip twice at once: a sweep waits for the post a kick started", async () => {
    const { outbox, calls } = setup();
    outbox.kick(2);
    outbox.kick(2);
    await Promise.all([outbox.postMissing(), outbox.postMissing()]);
    await outbox.whenIdle();
    expect(calls.sort()).toEqual([1, 2, 3, 4]);
  });

  it("goes past a card Telegram refuses, posts the rest, and tries the refused one again next time", async () => {
    const answers: Record<number, CardOutcome> = { 2: "refused" };
    const { outbox, calls, lines } = setup(answers);
    await outbox.postMissing();
    expect(calls).toEqual([1, 2, 3, 4]);
    const warning = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.level === 40);
    expect(warning).toMatchObject({ posted: 3, refused: [2] });
    answers[2] = "posted";
    await outbox.postMissing();
    expect(calls).toEqual([1, 2, 3, 4, 2]);
  });

  it("stops a sweep when the chat refuses everything and says how many wait", async () => {
    const { outbox, calls, lines } = setup({ 2: "chat-refuses" });
    await outbox.postMissing();
    expect(calls).toEqual([1, 2]);
    const warning = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.level === 40);
    expect(warning).toMatchObject({ tipId: 2, posted: 1, waiting: 3 });
  });
});
