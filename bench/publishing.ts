// Publishing latency (POST /api/articles → the channel message at the Bot API) and the sustained rate
// under a per-channel limit, against the fake Bot API. Baseline: a bare grammY bot calling sendMessage
// on the same server, which is the floor any bot can reach there.
import { Bot } from "grammy";
import { startTestApp, API_TOKEN } from "../test/support/app.ts";
import { startFakeTelegram } from "../test/support/fake-telegram/index.ts";
import { summarize, type Row } from "./support.ts";

const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 300);
const RATE_POSTS = Number(process.env.BENCH_RATE_POSTS ?? 60);
const RATE_PER_SECOND = 5;

export async function benchPublishing(): Promise<{ rows: Row[] }> {
  const rows: Row[] = [];

  // Baseline: the time a bare grammY sendMessage takes to reach the fake server and come back.
  const fake = await startFakeTelegram();
  const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot }, botInfo: fake.botInfo });
  const bare: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const started = performance.now();
    await bot.api.sendMessage("@bench_bare", `<b>Новость ${i}</b>`, { parse_mode: "HTML" });
    bare.push(performance.now() - started); // a full round trip: an upper bound for "reaching the server"
  }
  await fake.close();
  const base = summarize(bare);
  rows.push({ scenario: "bare grammY sendMessage (baseline)", samples: LATENCY_SAMPLES, "p50 ms": base.p50, "p99 ms": base.p99 });

  // Habarshy: HTTP POST over a real socket → store + outbox → worker → Bot API.
  const t = await startTestApp({ env: { CHANNELS: "@bench_channel:ru", LOG_LEVEL: "warn" } });
  try {
    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const url = `https://ekaraganda.kz/bench/${i}`;
      const started = Date.now();
      const response = await fetch(`${t.app.url}/api/articles`, {
        method: "POST",
        headers: { authorization: `Bearer ${API_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ externalId: `bench-${i}`, url, title: `Новость ${i}`, lead: "Лид новости.", tags: ["бенч"] }),
      });
      if (response.status !== 201) throw new Error(`POST answered ${response.status}`);
      const call = await t.fake.waitForCall((c) => c.method === "sendMessage" && JSON.stringify(c.params.reply_markup).includes(url));
      latencies.push(call.at - started);
    }
    const ours = summarize(latencies);
    rows.push({ scenario: "POST /api/articles → channel message", samples: LATENCY_SAMPLES, "p50 ms": ours.p50, "p99 ms": ours.p99, "p50 vs baseline": `${(ours.p50 / Math.max(1, base.p50)).toFixed(1)}x` });
  } finally {
    await t.close();
  }

  // Sustained rate under a per-channel limit the fake Bot API enforces with real 429s. Scaled to
  // 5/s so a run takes seconds; the limiter is the same code that keeps 20/min in production.
  const limited = await startTestApp({ env: { CHANNELS: "@bench_limited:ru", LOG_LEVEL: "warn", CHAT_MESSAGES_PER_SECOND: String(RATE_PER_SECOND) } });
  try {
    limited.fake.rateLimit({ perChatPerSecond: RATE_PER_SECOND });
    for (let i = 0; i < RATE_POSTS; i++) {
      await limited.app.services.articles.upsert({ externalId: `rate-${i}`, url: `https://ekaraganda.kz/rate/${i}`, title: `Новость ${i}` });
    }
    const calls = await limited.fake.waitForCalls((c) => c.method === "sendMessage" && c.response.ok, RATE_POSTS, { timeoutMs: 120_000 });
    // A sliding window lets a window's worth go at once, then one window's worth per window: the
    // sustained rate is everything after the first burst over the time from the first to the last send.
    const rate = (calls.length - RATE_PER_SECOND) / ((calls.at(-1)!.at - calls[0]!.at) / 1000);
    const refused = limited.fake.calls.filter((c) => c.response.error_code === 429).length;
    const posted = new Set(limited.fake.messages("@bench_limited").map((m) => JSON.stringify(m.reply_markup))).size;
    rows.push({
      scenario: `sustained rate, limit ${RATE_PER_SECOND}/s per channel`, samples: RATE_POSTS,
      "sustained msgs/s": Number(rate.toFixed(2)), "of limit": `${((rate / RATE_PER_SECOND) * 100).toFixed(1)}%`, "429s": refused, "posted once": `${posted}/${RATE_POSTS}`,
    });
  } finally {
    await limited.close();
  }
  return { rows };
}
