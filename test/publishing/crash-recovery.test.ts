// A process can die between "claimed" and "confirmed" at any point. These tests put the store in exactly
// that state and start a new process on it.
import { afterEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";

const CHANNEL = "@crash_test";
let seq = 0;
const article = () => ({ externalId: `c-${++seq}`, url: `https://ekaraganda.kz/news/c${seq}`, title: `Материал ${seq}`, lead: "Лид." });

async function deliveryOf(t: TestApp, externalId: string) {
  return t.database.db.delivery.findFirstOrThrow({ where: { article: { externalId } } });
}

describe("a crash between claiming and confirming a post", () => {
  let t: TestApp;
  afterEach(() => t.close());

  it("does not post again when Telegram already has the post", async () => {
    t = await startTestApp({ env: { CHANNELS: `${CHANNEL}:ru` } });
    await t.api("POST", "/api/articles", article());
    const second = article();
    await t.api("POST", "/api/articles", second);
    await t.app.worker.idle();
    const first = await deliveryOf(t, "c-1");
    const sent = await deliveryOf(t, second.externalId);
    // Rewind the second delivery to "claimed, sent, never confirmed", as a kill -9 would leave it.
    await t.database.db.delivery.update({
      where: { id: sent.id },
      data: { state: "sending", claimToken: "dead:1", claimedAt: new Date(Date.now() - 60_000), messageId: null, sentText: null, kind: null, probeFrom: first.messageId },
    });
    await t.database.db.channel.updateMany({ data: { lastMessageId: first.messageId } });
    await t.stopApp();
    const mark = t.fake.calls.length;

    t = await t.restart();
    await t.app.worker.idle();
    const after = t.fake.calls.slice(mark);
    expect(after.filter((c) => c.method === "sendMessage")).toHaveLength(0);
    // Found at the first id after the last confirmed one, with the keyboard it already had.
    expect(after.filter((c) => c.method === "editMessageReplyMarkup").map((c) => c.response.description))
      .toEqual([expect.stringContaining("message is not modified")]);
    const recovered = await deliveryOf(t, second.externalId);
    expect(recovered).toMatchObject({ state: "sent", messageId: sent.messageId, claimToken: null });
    expect(t.fake.messages(CHANNEL)).toHaveLength(2);
  });

  it("posts when Telegram never got the post", async () => {
    t = await startTestApp({ env: { CHANNELS: `${CHANNEL}:ru` } });
    await t.api("POST", "/api/articles", article());
    await t.app.worker.idle();
    await t.stopApp();
    const lost = article();
    // Written by the API, claimed by a worker that died before its request left the machine.
    const next = await t.restart({ start: false });
    await next.app.services.articles.upsert(lost);
    const { lastMessageId } = await next.database.db.channel.findFirstOrThrow();
    await next.database.db.delivery.updateMany({
      where: { article: { externalId: lost.externalId } },
      data: { state: "sending", claimToken: "dead:2", claimedAt: new Date(Date.now() - 60_000), probeFrom: lastMessageId },
    });
    t.fake.reset();
    await next.app.start();
    t = next;
    await t.fake.waitForCall((c) => c.method === "sendMessage" && c.response.ok);
    await t.app.worker.idle();
    expect(t.fake.callsTo("sendMessage")).toHaveLength(1);
    expect((await deliveryOf(t, lost.externalId)).state).toBe("sent");
    // The probe looked at every id it may (10 past the last confirmed one), found nothing of ours, changed nothing.
    expect(t.fake.callsTo("editMessageReplyMarkup").map((c) => [c.params.message_id, c.response.ok]))
      .toEqual(Array.from({ length: 10 }, (_, i) => [lastMessageId! + 1 + i, false]));
  });

  it("never probes a later post of ours, so it keeps its button", async () => {
    t = await startTestApp({ env: { CHANNELS: `${CHANNEL}:ru` } });
    const first = article();
    const lost = article();
    const later = article();
    await t.api("POST", "/api/articles", first);
    await t.app.worker.idle();
    await t.api("POST", "/api/articles", later);
    await t.app.worker.idle();
    const firstId = (await deliveryOf(t, first.externalId)).messageId!;
    const laterId = (await deliveryOf(t, later.externalId)).messageId!;
    // The post in doubt was claimed after `first` was confirmed and never reached Telegram; `later` went out
    // after it (a network error sent it to backoff), right at the first id the probe would try.
    expect(laterId).toBe(firstId + 1);
    await t.stopApp();
    const next = await t.restart({ start: false });
    await next.app.services.articles.upsert(lost);
    await next.database.db.delivery.updateMany({
      where: { article: { externalId: lost.externalId } },
      data: { state: "sending", claimToken: "dead:4", claimedAt: new Date(Date.now() - 60_000), probeFrom: firstId },
    });
    const mark = t.fake.calls.length;
    await next.app.start();
    t = next;
    await t.fake.waitForCall((c) => c.method === "sendMessage" && c.response.ok && String(c.params.text).includes(lost.title));
    await t.app.worker.idle();

    expect(t.fake.calls.slice(mark).filter((c) => c.method === "editMessageReplyMarkup")).toEqual([]);
    const laterPost = t.fake.messages(CHANNEL).find((m) => m.message_id === laterId)!;
    expect(laterPost.reply_markup).toEqual({ inline_keyboard: [[expect.objectContaining({ url: later.url })]] });
    expect(t.fake.messages(CHANNEL).filter((m) => m.text?.startsWith(lost.title))).toHaveLength(1);
    expect(await deliveryOf(t, lost.externalId)).toMatchObject({ state: "sent", messageId: laterId + 1 });
  });

  it("finishes an interrupted edit or withdrawal by doing it again", async () => {
    t = await startTestApp({ env: { CHANNELS: `${CHANNEL}:ru` } });
    const a = article();
    await t.api("POST", "/api/articles", a);
    await t.app.worker.idle();
    await t.stopApp();
    const next = await t.restart({ start: false });
    await next.app.services.articles.withdraw(a.externalId);
    await next.database.db.delivery.updateMany({ data: { state: "sending", claimToken: "dead:3", claimedAt: new Date(Date.now() - 60_000) } });
    await next.app.start();
    t = next;
    await t.fake.waitForCall((c) => c.method === "deleteMessage");
    await t.app.worker.idle();
    expect((await deliveryOf(t, a.externalId)).state).toBe("withdrawn");
    expect(t.fake.messages(CHANNEL)).toHaveLength(0);
  });
});
