// What junk costs inside an open tip conversation (issue 7): one citizen opens a tip and then sends 10,
// 100 and 1,000 junk updates of one kind. After each batch: the conversation's stored state (bytes) and
// the cost of an update in that batch, next to a bare grammY bot handling the same updates (reply "ok"
// to a message, nothing to an edit). Flat rows mean junk does not make the next update dearer.
// The junk citizen is in ADMIN_IDS only to lift the per-user rate limit (30 updates / 10 s), so that
// every junk update reaches the conversation instead of being dropped by the limiter before it.
import { Bot } from "grammy";
import { run } from "@grammyjs/runner";
import { startTestApp, type TestApp } from "../test/support/app.ts";
import { startFakeTelegram, type FakeTelegram, type FakeUser } from "../test/support/fake-telegram/index.ts";
import { createLogger } from "../src/logger.ts";
import type { Row } from "./support.ts";

const CUMULATIVE = [10, 100, 1000];
const CITIZEN = 770_001;

interface Kind {
  name: string;
  /** brings the citizen to the question where the junk arrives (in the app; the bare bot skips it) */
  open(u: FakeUser, fake: FakeTelegram, settle: () => Promise<void>): Promise<void>;
  junk(u: FakeUser, fake: FakeTelegram, i: number): void;
}

const press = (u: FakeUser, fake: FakeTelegram, data: string) => u.press(fake.messages(u.id).at(-1)!, data);
const TEXT = "Tip: the traffic lights at the crossing are out since the morning";

const KINDS: Kind[] = [
  {
    name: "text where a button is expected (hinted)",
    async open(u, _fake, settle) {
      u.sendText("/tip");
      await settle();
    },
    junk: (u, _fake, i) => u.sendText(`junk ${i}`),
  },
  {
    name: "photos past the 10-file limit, one album (silent)",
    async open(u, fake, settle) {
      for (const step of [() => u.sendText("/tip"), () => press(u, fake, "tipc:topic:roads"), () => u.sendText(TEXT)]) {
        step();
        await settle();
      }
      for (let i = 0; i < 10; i++) u.sendPhoto({ mediaGroupId: "full", fileId: `full-${i}` });
      await settle();
    },
    junk: (u, _fake, i) => u.sendPhoto({ mediaGroupId: "extra", fileId: `extra-${i}` }),
  },
  {
    name: "edited messages (silent)",
    async open(u, fake, settle) {
      for (const step of [() => u.sendText("/tip"), () => press(u, fake, "tipc:topic:roads")]) {
        step();
        await settle();
      }
    },
    junk: (u, fake, i) => void fake.pushUpdate({
      edited_message: { message_id: 1, date: 0, edit_date: i + 1, chat: { id: u.id, type: "private", first_name: "Junk" }, from: u.info, text: `edit ${i}` },
    } as never),
  },
];

/** Resolves when every pushed update is fetched and its handler has finished. */
function tracker(bot: { handleUpdate: (...args: never[]) => Promise<void> }, fake: FakeTelegram) {
  let inFlight = 0;
  const waiters: Array<() => void> = [];
  const original = bot.handleUpdate.bind(bot) as (...args: unknown[]) => Promise<void>;
  (bot as { handleUpdate: (...args: unknown[]) => Promise<void> }).handleUpdate = async (...args) => {
    inFlight++;
    try {
      return await original(...args);
    } finally {
      if (--inFlight === 0) for (const w of waiters.splice(0)) w();
    }
  };
  return async () => {
    for (;;) {
      await fake.waitForIdle({ timeoutMs: 300_000 });
      if (inFlight === 0) return;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
}

/** Sends the junk in batches up to each cumulative count; ms per update of each batch. */
async function batches(u: FakeUser, fake: FakeTelegram, settle: () => Promise<void>, kind: Kind, after?: () => Promise<number>) {
  const out: Array<{ total: number; msPerUpdate: number; stateBytes: number | null }> = [];
  let sent = 0;
  for (const total of CUMULATIVE) {
    const started = performance.now();
    const count = total - sent;
    for (; sent < total; sent++) kind.junk(u, fake, sent);
    await settle();
    out.push({ total, msPerUpdate: (performance.now() - started) / count, stateBytes: after ? await after() : null });
  }
  return out;
}

async function habarshy(kind: Kind) {
  const t: TestApp = await startTestApp({ env: { ADMIN_IDS: String(CITIZEN) }, app: { logger: createLogger({ level: "silent" }) } });
  try {
    const settle = tracker(t.app.bot as never, t.fake);
    const u = t.fake.user({ id: CITIZEN, language_code: "en" });
    await kind.open(u, t.fake, settle);
    const state = async () => (await t.database.db.session.findUnique({ where: { key: `conversation:${CITIZEN}` } }))?.value.length ?? 0;
    return await batches(u, t.fake, settle, kind, state);
  } finally {
    await t.close();
  }
}

async function bare(kind: Kind) {
  const fake = await startFakeTelegram();
  const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot }, botInfo: fake.botInfo });
  bot.on("message", (ctx) => ctx.reply("ok"));
  const runner = run(bot);
  try {
    const u = fake.user({ id: CITIZEN, language_code: "en" });
    return await batches(u, fake, tracker(bot as never, fake), kind);
  } finally {
    await runner.stop();
    await fake.close();
  }
}

export async function benchTipJunk(): Promise<{ rows: Row[] }> {
  const rows: Row[] = [];
  for (const kind of KINDS) {
    const app = await habarshy(kind);
    const base = await bare(kind);
    app.forEach((batch, i) => rows.push({
      junk: i === 0 ? kind.name : "",
      "junk so far": batch.total,
      "state bytes": batch.stateBytes ?? 0,
      "ms/update": Number(batch.msPerUpdate.toFixed(2)),
      "bare ms/update": Number(base[i]!.msPerUpdate.toFixed(2)),
      ratio: Number((batch.msPerUpdate / base[i]!.msPerUpdate).toFixed(1)),
    }));
  }
  return { rows };
}

// `npx tsx bench/tips-junk.ts` runs this benchmark alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  benchTipJunk().then((result) => console.table(result.rows), (error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
