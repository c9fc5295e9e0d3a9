// Three instances on one PostgreSQL database (issue 9), each `src/main.ts` in its own process as an
// operator runs them:
//   rate      — a broadcast from three instances at once against the fake Bot API in a child process,
//               which enforces Telegram's limits with real 429s: the combined sustained rate as a share of
//               the limit, the 429s, and the most sends the fake saw in any sliding second;
//   failover  — the instance holding the update consumer's lease is killed with SIGKILL; the time until a
//               citizen's /start, sent right after the kill, is answered by a survivor;
//   publishing — POST /api/articles → the channel message, with the shared budget in place, against a bare
//               grammY bot that writes a row to the same database and then calls sendMessage.
import { Bot } from "grammy";
import { createPostgresDatabase, withClient } from "../test/support/database.ts";
import { seedReaders } from "../test/support/readers.ts";
import { startInstance, type Instance } from "../test/support/instances.ts";
import { startFakeTelegram, type FakeTelegram } from "../test/support/fake-telegram/index.ts";
import { startRemoteFake, type SendStats } from "./fake-process.ts";
import { summarize, type Row } from "./support.ts";

const ADMIN_URL = process.env.TEST_DATABASE_URL?.startsWith("postgres") ? process.env.TEST_DATABASE_URL : "postgresql://root@127.0.0.1:5432/test";
const INSTANCES = 3;
const FREE_READERS = Number(process.env.BENCH_INSTANCE_FREE_READERS ?? 1_000);
const PAID_READERS = Number(process.env.BENCH_INSTANCE_PAID_READERS ?? 20_000);
const FAILOVERS = Number(process.env.BENCH_FAILOVERS ?? 3);
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 200);
const API_TOKEN = "bench-api-token-0123456789";
const LOCK_SPACE = 0x4862; // src/cluster/cluster.ts

function maxPerSlidingSecond(times: number[]): number {
  let most = 0;
  for (let head = 0, tail = 0; head < times.length; head++) {
    while (times[head]! - times[tail]! >= 1000) tail++;
    most = Math.max(most, head - tail + 1);
  }
  return most;
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function rate(mode: "free" | "paid"): Promise<Row> {
  const readers = mode === "paid" ? PAID_READERS : FREE_READERS;
  const limit = mode === "paid" ? 1000 : 25;
  const fake = await startRemoteFake();
  const database = await createPostgresDatabase(ADMIN_URL);
  const instances: Instance[] = [];
  try {
    await fake.limits(mode === "paid" ? { perChatPerSecond: 1, globalPerSecond: 30, paidPerSecond: 1000 } : { perChatPerSecond: 1, globalPerSecond: 30 });
    await seedReaders(database.db, 20_000_000, readers);
    const env = {
      BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_URL: database.url, API_TOKEN, LOG_LEVEL: "warn",
      ...(mode === "paid" ? { PAID_BROADCAST: "on", BROADCAST_PER_SECOND: "1000" } : { BROADCAST_PER_SECOND: "25" }),
    };
    for (let i = 0; i < INSTANCES; i++) instances.push(startInstance(env));
    const running = await Promise.all(instances.map((instance) => instance.running));
    const response = await fetch(`${running[0]!.url}/api/broadcasts`, {
      method: "POST", headers: { authorization: `Bearer ${API_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ text: "Срочно: проверка рассылки трёх экземпляров" }),
    });
    if (response.status !== 202) throw new Error(`POST /api/broadcasts answered ${response.status}`);
    let stats: SendStats | undefined;
    await until(async () => ((stats = await fake.stats("readers")).ok >= readers), 600_000, `${mode} broadcast to ${readers} readers`);
    const times = stats!.times;
    const sustained = (times.length - limit) / ((times.at(-1)! - times[0]!) / 1000);
    return {
      scenario: `${INSTANCES} instances, ${mode} broadcast, limit ${limit}/s`, readers,
      "sustained msgs/s": Number(sustained.toFixed(1)), "of limit": `${((sustained / limit) * 100).toFixed(1)}%`,
      "429s": stats!.refused429, "most in any 1 s": maxPerSlidingSecond(times), "readers twice": stats!.chatsTwice,
    };
  } finally {
    await Promise.all(instances.map((instance) => instance.kill()));
    await database.destroy();
    await fake.close();
  }
}

/** The instance whose control connection holds the update consumer's lease. */
async function consumerOf(url: string, instances: Map<string, Instance>): Promise<Instance | undefined> {
  const rows = await withClient(url, (client) => client.query<{ name: string }>(
    `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = hashtext('updates')::oid`, [LOCK_SPACE]));
  const id = rows.rows[0]?.name.replace(/^habarshy:/, "");
  return id ? instances.get(id) : undefined;
}

async function failoverAndPublishing(): Promise<Row[]> {
  const fake: FakeTelegram = await startFakeTelegram();
  const database = await createPostgresDatabase(ADMIN_URL);
  const instances = new Map<string, Instance>();
  const env = { BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_URL: database.url, API_TOKEN, LOG_LEVEL: "warn", CHANNELS: "@bench_instances:ru" };
  const launch = async () => {
    const instance = startInstance(env);
    instances.set((await instance.running).id, instance);
  };
  const rows: Row[] = [];
  try {
    for (let i = 0; i < INSTANCES; i++) await launch();
    const failovers: number[] = [];
    for (let trial = 0; trial < FAILOVERS; trial++) {
      let consumer: Instance | undefined;
      await until(async () => (consumer = await consumerOf(database.url, instances)) !== undefined, 20_000, "an update consumer");
      const user = fake.user({ id: 30_000_000 + trial, language_code: "ru" });
      const killed = Date.now();
      await consumer!.kill();
      for (const [id, instance] of instances) if (instance === consumer) instances.delete(id);
      user.sendText("/start");
      const answer = await fake.waitForCall((c) => c.method === "sendMessage" && String(c.params.chat_id) === String(user.id), { timeoutMs: 60_000 });
      failovers.push(answer.at - killed);
      await launch();
    }
    rows.push({
      scenario: `update consumer killed (SIGKILL) → a survivor answers`, samples: failovers.length,
      "p50 ms": summarize(failovers).p50, "max ms": Math.max(...failovers), "each ms": failovers.map((ms) => Math.round(ms)).join(", "),
    });

    // Baseline: what any bot that records a post and sends it pays on this database and this fake.
    const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot }, botInfo: fake.botInfo });
    const bare = await withClient(database.url, async (client) => {
      await client.query(`CREATE TABLE "bench_bare" ("id" SERIAL PRIMARY KEY, "title" TEXT NOT NULL, "sentAt" TIMESTAMP(3))`);
      const samples: number[] = [];
      for (let i = 0; i < LATENCY_SAMPLES; i++) {
        const started = Date.now();
        const { rows: [row] } = await client.query<{ id: number }>(`INSERT INTO "bench_bare" ("title") VALUES ($1) RETURNING "id"`, [`Новость ${i}`]);
        const text = `<b>Новость ${i}</b>`;
        await bot.api.sendMessage("@bench_bare", text, { parse_mode: "HTML" });
        samples.push((await fake.waitForCall((c) => c.method === "sendMessage" && c.params.text === text)).at - started);
        await client.query(`UPDATE "bench_bare" SET "sentAt" = now() WHERE "id" = $1`, [row!.id]);
      }
      return summarize(samples);
    });
    rows.push({ scenario: "bare grammY: INSERT + sendMessage (baseline)", samples: LATENCY_SAMPLES, "p50 ms": bare.p50, "p99 ms": bare.p99 });

    const urls = await Promise.all([...instances.values()].map(async (instance) => (await instance.running).url));
    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const url = `https://ekaraganda.kz/instances/${i}`;
      const started = Date.now();
      const response = await fetch(`${urls[i % urls.length]}/api/articles`, {
        method: "POST", headers: { authorization: `Bearer ${API_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ externalId: `instances-${i}`, url, title: `Новость ${i}`, lead: "Лид новости." }),
      });
      if (response.status !== 201) throw new Error(`POST answered ${response.status}`);
      const call = await fake.waitForCall((c) => c.method === "sendMessage" && c.response.ok && JSON.stringify(c.params.reply_markup).includes(url), { timeoutMs: 30_000 });
      latencies.push(call.at - started);
    }
    const ours = summarize(latencies);
    rows.push({
      scenario: `${INSTANCES} instances: POST /api/articles → channel message`, samples: LATENCY_SAMPLES, "p50 ms": ours.p50, "p99 ms": ours.p99,
      "p50 vs baseline": `${(ours.p50 / Math.max(0.1, bare.p50)).toFixed(1)}x`,
    });
  } finally {
    await Promise.all([...instances.values()].map((instance) => instance.kill()));
    await database.destroy();
    await fake.close();
  }
  return rows;
}

export async function benchInstances(): Promise<{ rows: Row[] }> {
  const rows: Row[] = [];
  rows.push(...(await failoverAndPublishing()));
  rows.push(await rate("free"));
  rows.push(await rate("paid"));
  return { rows };
}
