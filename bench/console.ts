// A burst of 40 tips while the editors' group is held to Telegram's 20 messages a minute. For each tip:
// how long after its reference reached the citizen it was visible to the console (an editor's console
// polling /app/api/tips every 2 s, as the web app does), next to how long its card took to reach the
// group (the desk). The ratio is what the console saves an editor in a burst.
import { startTestApp, EDITOR_CHAT_ID } from "../test/support/app.ts";
import { launchData } from "../test/support/browser.ts";
import { Citizen, trackHandling } from "../test/tips/driver.ts";
import { summarize, type Row } from "./support.ts";

const BURST = 40;
const CONSOLE_POLL_MS = 2000;

export async function benchConsole(): Promise<{ rows: Row[] }> {
  const t = await startTestApp({ env: { GROUP_MESSAGES_PER_MINUTE: "20", LOG_LEVEL: "warn" } });
  try {
    const settle = trackHandling(t, { waitForDesk: false });
    t.fake.addChat({ id: EDITOR_CHAT_ID, type: "supergroup", title: "Newsroom" });
    const auth = `tma ${launchData(t.fake.token, { id: 501, first_name: "Editor" })}`;
    t.fake.setMember(EDITOR_CHAT_ID, 501, "member");

    // The console: one poll every 2 s, noting when each reference first shows.
    const seen = new Map<string, number>();
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const response = await fetch(`${t.app.url}/app/api/tips?limit=100`, { headers: { authorization: auth } });
        const now = Date.now();
        for (const item of ((await response.json()) as { items: Array<{ reference: string }> }).items) if (!seen.has(item.reference)) seen.set(item.reference, now);
        await new Promise((resolve) => setTimeout(resolve, CONSOLE_POLL_MS));
      }
    })();

    const citizens = Array.from({ length: BURST }, (_, i) => new Citizen(t, settle, 9000 + i, (["ru", "kk", "en"] as const)[i % 3]));
    await Promise.all(citizens.map(async (c) => {
      await c.text("/tip");
      await c.press("tipc:topic:incident");
      await c.text(`Пожар на рынке, дым виден с улицы ${c.id}`);
      await c.press("tipc:media:skip");
      await c.text(t.app.translate(c.languageCode, "tip-button-skip"));
      await c.text(t.app.translate(c.languageCode, "tip-button-anonymous"));
      await c.press("tipc:consent:anonymous");
      await c.press("tipc:preview:send");
    }));
    const tips = await t.database.db.tip.findMany({ select: { reference: true } });
    await t.fake.waitForCalls((c) => c.method === "sendMessage" && String(c.params.chat_id) === String(EDITOR_CHAT_ID) && c.response.ok, BURST, { timeoutMs: 150_000 });
    while (seen.size < BURST) await new Promise((resolve) => setTimeout(resolve, 100));
    polling = false;
    await poller;

    const answered = (reference: string) => t.fake.calls.find((c) => c.method === "sendMessage" && String(c.params.text).includes(`${reference}.`) && c.response.ok)!.at;
    const carded = (reference: string) => t.fake.calls.find((c) => c.method === "sendMessage" && String(c.params.chat_id) === String(EDITOR_CHAT_ID)
      && String(c.params.text).includes(`<b>${reference}</b>`) && c.response.ok)!.at;
    const inConsole = summarize(tips.map((tip) => seen.get(tip.reference)! - answered(tip.reference)));
    const onDesk = summarize(tips.map((tip) => carded(tip.reference) - answered(tip.reference)));
    const max = (r: string[], at: (x: string) => number) => Math.max(...r.map((x) => at(x)));
    const refs = tips.map((tip) => tip.reference);
    const consoleMax = max(refs, (x) => seen.get(x)! - answered(x));
    const deskMax = max(refs, (x) => carded(x) - answered(x));
    return {
      rows: [
        { what: `${BURST} tips at once: visible in the console (polls every 2 s)`, p50_ms: inConsole.p50, max_ms: consoleMax },
        { what: "the same tips: card in the editors' group (20 messages/min)", p50_ms: onDesk.p50, max_ms: deskMax },
        { what: "console / desk", p50_ms: (inConsole.p50 / Math.max(1, onDesk.p50)).toFixed(3), max_ms: (consoleMax / deskMax).toFixed(3) },
      ],
    };
  } finally {
    await t.close();
  }
}
