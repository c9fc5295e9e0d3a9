// Broadcasts to readers against the fake Bot API running in a child process (its own event loop and
// memory), which enforces Telegram's limits with real 429s:
//   paid — PAID_BROADCAST=on, 100,000 seeded readers, the fake allows 1,000 paid messages a second;
//   free — BROADCAST_PER_SECOND=25 within a free overall limit of 30/s while a channel gets a post every 3.5 s.
// Baseline: a bare grammY bot sending the same kind of messages through the same rate limiter, no store.
// The paid run starts the app as a newsroom runs it in production (`npm run build`, then
// `node dist/main.js`: its own process, no TypeScript loader) on a database seeded by this harness; its peak
// RSS is the kernel's high-water mark (VmHWM) of that process alone.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { Api } from "grammy";
import { createApp, type App } from "../src/app.ts";
import { parseConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { createRateLimiter } from "../src/delivery/rate-limiter.ts";
import { installApiPlugins } from "../src/bot/create-bot.ts";
import { createTestDatabase, type TestDatabase } from "../test/support/database.ts";
import { seedReaders } from "../test/support/readers.ts";
import { startRemoteFake, type RemoteFake, type SendStats } from "./fake-process.ts";
import type { Row } from "./support.ts";

const PAID_READERS = Number(process.env.BENCH_READERS ?? 100_000);
const FREE_READERS = Number(process.env.BENCH_FREE_READERS ?? 1_500);
const BASELINE_MESSAGES = Number(process.env.BENCH_BASELINE_MESSAGES ?? 20_000);
const FIRST_ID = 10_000_000;

/** Sends per second after the first window's burst, from the first accepted send to the last. */
function sustained(stats: SendStats, limit: number): number {
  const times = stats.times;
  if (times.length <= limit) return NaN;
  return (times.length - limit) / ((times.at(-1)! - times[0]!) / 1000);
}

async function startApp(fake: RemoteFake, database: TestDatabase, env: Record<string, string>): Promise<App> {
  const config = parseConfig({
    BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_URL: database.url, HTTP_HOST: "127.0.0.1", HTTP_PORT: "0",
    API_TOKEN: "bench-api-token-0123456789", QUIET_HOURS: "off", LOG_LEVEL: "warn", DIGEST_TIME: "00:00", ...env,
  });
  const app = await createApp({ config, logger: createLogger({ level: "warn" }), scheduler: false, receiveUpdates: false, botInfo: undefined });
  await app.start();
  return app;
}

function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  return { stop: () => (clearInterval(timer), Math.max(peak, process.memoryUsage().rss)) };
}

async function waitDone(app: App, id: number): Promise<void> {
  for (;;) {
    const progress = await app.services.broadcasts.progress(id);
    if (progress.status === "done" || progress.status === "cancelled") return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function baseline(): Promise<Row> {
  const fake = await startRemoteFake();
  try {
    await fake.limits({ globalPerSecond: 30, paidPerSecond: 1000, perChatPerSecond: 1 });
    const limiter = createRateLimiter({ perChatPerSecond: 1, perGroupPerMinute: 20, globalPerSecond: 30, readers: { perSecond: 25, paid: true } });
    const api = new Api(fake.token, { apiRoot: fake.apiRoot });
    installApiPlugins(api, limiter, "readers");
    let next = 0;
    await Promise.all(Array.from({ length: 100 }, async () => {
      while (next < BASELINE_MESSAGES) {
        const chat = FIRST_ID + next++;
        await api.sendMessage(chat, "Baseline", { allow_paid_broadcast: true, link_preview_options: { is_disabled: true } });
      }
    }));
    const stats = await fake.stats("readers");
    const rate = sustained(stats, 1000);
    return { scenario: "bare grammY + the same limiter, paid, no store (baseline)", readers: BASELINE_MESSAGES, "sustained msgs/s": Number(rate.toFixed(1)), "of 1000/s": `${(rate / 10).toFixed(1)}%`, "429s": stats.refused429 };
  } finally {
    await fake.close();
  }
}

/** Peak resident memory of a process, from the kernel (Linux). */
function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

async function paid(base: Row): Promise<Row> {
  const fake = await startRemoteFake();
  const database = await createTestDatabase();
  try {
    await fake.limits({ globalPerSecond: 30, paidPerSecond: 1000, perChatPerSecond: 1 });
    await seedReaders(database.db, FIRST_ID, PAID_READERS, (i) => ({ language: ["ru", "kk", "en"][i % 3] }));
    const broadcast = await database.db.broadcast.create({ data: { kind: "announcement", status: "queued", text: "Важное объявление редакции" } });
    execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
    const child = spawn(process.execPath, ["dist/main.js"], {
      env: {
        PATH: process.env.PATH, BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_URL: database.url, HTTP_HOST: "127.0.0.1",
        HTTP_PORT: "0", LOG_LEVEL: "warn", QUIET_HOURS: "off", PAID_BROADCAST: "on", GLOBAL_MESSAGES_PER_SECOND: "30", DIGEST_TIME: "00:00",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const started = Date.now();
    let peak = 0;
    for (;;) {
      peak = Math.max(peak, peakRssMb(child.pid!));
      const row = await database.db.broadcast.findUniqueOrThrow({ where: { id: broadcast.id } });
      if (row.status === "done") break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const seconds = (Date.now() - started) / 1000;
    peak = Math.max(peak, peakRssMb(child.pid!));
    child.kill("SIGTERM");
    await once(child, "exit");
    const sent = await database.db.broadcastRecipient.count({ where: { broadcastId: broadcast.id, state: "sent" } });
    const stats = await fake.stats("readers");
    const rate = sustained(stats, 1000);
    return {
      scenario: "paid broadcast (PAID_BROADCAST=on) vs the fake's 1000/s", readers: PAID_READERS, "sustained msgs/s": Number(rate.toFixed(1)),
      "of 1000/s": `${(rate / 10).toFixed(1)}%`, "vs baseline": `${((rate / Number(base["sustained msgs/s"])) * 100).toFixed(1)}%`, "429s": stats.refused429,
      "sent once": `${sent}/${PAID_READERS}`, "twice": stats.chatsTwice, "paid sends": stats.paidSends,
      "total s": Number(seconds.toFixed(1)), "peak RSS MB": peak, "fake RSS MB": Math.round((await fake.rss()) / 1048576),
    };
  } finally {
    await database.destroy();
    await fake.close();
  }
}

async function free(): Promise<Row> {
  const fake = await startRemoteFake();
  const database = await createTestDatabase();
  const CHANNEL = "@bench_stream";
  try {
    await fake.limits({ globalPerSecond: 30, paidPerSecond: 1000, perChatPerSecond: 1, perChatPerMinute: 20 });
    await seedReaders(database.db, FIRST_ID, FREE_READERS);
    const app = await startApp(fake, database, {
      BROADCAST_PER_SECOND: "25", GLOBAL_MESSAGES_PER_SECOND: "30", CHANNELS: `${CHANNEL}:ru`, CHAT_MESSAGES_PER_SECOND: "1", GROUP_MESSAGES_PER_MINUTE: "20",
    });
    const rss = sampleRss();
    const broadcast = await app.services.broadcasts.announce({ text: "Объявление" }, "bench");
    // The channel stream: an article every 3.5 s (within 20 a minute), each timed from upsert to post.
    const latencies: number[] = [];
    let streaming = true;
    let n = 0;
    const stream = (async () => {
      while (streaming) {
        const before = (await fake.stats("channels")).ok;
        const at = Date.now();
        await app.services.articles.upsert({ externalId: `stream-${n}`, url: `https://ekaraganda.kz/stream/${n++}`, title: `Поток ${n}` });
        for (;;) {
          if ((await fake.stats("channels")).ok > before) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        latencies.push(Date.now() - at);
        await new Promise((resolve) => setTimeout(resolve, 3500));
      }
    })();
    await waitDone(app, broadcast.id);
    streaming = false;
    await stream;
    const peak = rss.stop();
    await app.stop();
    const stats = await fake.stats("readers");
    const channel = await fake.stats("channels");
    const rate = sustained(stats, 25);
    latencies.sort((a, b) => a - b);
    return {
      scenario: "free broadcast, BROADCAST_PER_SECOND=25 of 30/s, with a channel post every 3.5 s", readers: FREE_READERS,
      "sustained msgs/s": Number(rate.toFixed(2)), "of 25/s": `${(rate / 0.25).toFixed(1)}%`, "429s": stats.refused429 + channel.refused429,
      "sent once": `${stats.ok - stats.chatsTwice}/${FREE_READERS}`, "channel posts": channel.ok,
      "post latency p50/max ms": `${latencies[Math.floor(latencies.length / 2)]}/${latencies.at(-1)}`, "peak RSS MB": Math.round(peak / 1048576),
    };
  } finally {
    await database.destroy();
    await fake.close();
  }
}

export async function benchBroadcast(): Promise<{ rows: Row[] }> {
  const base = await baseline();
  const rows = [base, await paid(base)];
  if (process.env.BENCH_SKIP_FREE !== "1") rows.push(await free());
  return { rows };
}
