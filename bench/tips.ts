// 200 citizens send complete tips at once through the fake Bot API to the real app (long polling, a fresh
// database), then the same updates go to a bare grammY bot whose handlers only reply: the ratio is what
// the conversation and the store cost per update. Cards go to the desk outside the conversation (the
// card outbox), so they are timed apart: from the last handled update until the last card is posted.
// Every tip must land exactly once, and every card.
import { Bot } from "grammy";
import { run } from "@grammyjs/runner";
import { startTestApp, EDITOR_CHAT_ID } from "../test/support/app.ts";
import { startFakeTelegram, type FakeTelegram, type FakeUser } from "../test/support/fake-telegram/index.ts";
import { createLogger } from "../src/logger.ts";

const CITIZENS = 200;

type Step = (u: FakeUser, fake: FakeTelegram) => void;

/** The tip as a citizen sends it: 11 updates, an album of three photos among them. */
const STEPS: Step[] = [
  (u) => u.sendText("/tip"),
  (u, f) => press(u, f, "tipc:topic:roads"),
  (u) => u.sendText(`Tip ${u.id}: the traffic lights at the crossing are out since morning`),
  (u) => { for (let i = 0; i < 3; i++) u.sendPhoto({ mediaGroupId: `g${u.id}`, fileId: `p${u.id}-${i}` }); },
  (u, f) => press(u, f, "tipc:media:done"),
  (u) => u.sendLocation(49.8, 73.1),
  (u) => u.sendContact(`+7700${u.id}`, { user_id: u.id }),
  (u, f) => press(u, f, "tipc:consent:anonymous"),
  (u, f) => press(u, f, "tipc:preview:send"),
];
const UPDATES_PER_TIP = 11;

function press(u: FakeUser, fake: FakeTelegram, data: string) {
  const last = fake.messages(u.id).at(-1);
  if (!last) throw new Error(`citizen ${u.id} has no bot message to press`);
  u.press(last, data);
}

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
      await fake.waitForIdle({ timeoutMs: 120_000 });
      if (inFlight === 0) return;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
}

/** All citizens take each step together; returns the seconds from the first update to the last handled. */
async function drive(fake: FakeTelegram, settle: () => Promise<void>, firstId: number): Promise<number> {
  const users = Array.from({ length: CITIZENS }, (_, i) => fake.user({ id: firstId + i, language_code: ["ru", "kk", "en"][i % 3] }));
  const started = performance.now();
  for (const step of STEPS) {
    for (const u of users) step(u, fake);
    await settle();
  }
  return (performance.now() - started) / 1000;
}

export async function benchTips(): Promise<{ rows: Array<Record<string, string | number>> }> {
  const updates = CITIZENS * UPDATES_PER_TIP;
  const t = await startTestApp({ app: { logger: createLogger({ level: "silent" }) } });
  let appSeconds: number;
  let deskSeconds: number;
  try {
    const settle = tracker(t.app.bot as never, t.fake);
    appSeconds = await drive(t.fake, settle, 100_000);
    const handled = performance.now();
    await t.app.services.tips.whenDeskIdle();
    deskSeconds = (performance.now() - handled) / 1000;
    // Every tip once, each in its own citizen's words, each card once in the editors' chat.
    const tips = await t.database.db.tip.findMany({ include: { user: true, attachments: true } });
    const cards = t.fake.messages(EDITOR_CHAT_ID).filter((m) => m.text?.startsWith("📝 T-"));
    const crossed = tips.filter((tip) => !tip.text.startsWith(`Tip ${tip.user?.telegramId}:`) || tip.attachments.length !== 3);
    if (tips.length !== CITIZENS || cards.length !== CITIZENS || crossed.length > 0) {
      throw new Error(`tips: expected ${CITIZENS} tips and cards, got ${tips.length} tips, ${cards.length} cards, ${crossed.length} crossed`);
    }
  } finally {
    await t.close();
  }

  const fake = await startFakeTelegram();
  const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
  bot.on("message", (ctx) => ctx.reply("ok"));
  bot.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply("ok");
  });
  await bot.init();
  const runner = run(bot);
  let bareSeconds: number;
  try {
    bareSeconds = await drive(fake, tracker(bot as never, fake), 200_000);
  } finally {
    await runner.stop();
    await fake.close();
  }

  const rate = (seconds: number) => Math.round(updates / seconds);
  return {
    rows: [
      { case: "Habarshy: 200 complete tips at once", updates, seconds: Number(appSeconds.toFixed(2)), "updates/s": rate(appSeconds), "tips landed once": CITIZENS },
      { case: "Habarshy: last card posted, after the last update", updates: "-", seconds: Number(deskSeconds.toFixed(2)), "updates/s": "-", "tips landed once": "-" },
      { case: "bare grammY bot, same updates (reply only)", updates, seconds: Number(bareSeconds.toFixed(2)), "updates/s": rate(bareSeconds), "tips landed once": "-" },
      { case: "ratio Habarshy / bare", updates: "-", seconds: Number((appSeconds / bareSeconds).toFixed(2)), "updates/s": Number((rate(appSeconds) / rate(bareSeconds)).toFixed(3)), "tips landed once": "-" },
    ],
  };
}

// `npx tsx bench/tips.ts` runs this benchmark alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  benchTips().then((result) => console.table(result.rows), (error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
