// Vote updates in a burst: 50,000 `poll` and `poll_answer` updates pushed at once into the fake Bot API,
// taken by the real app over long polling and counted into the store; then the same updates through a
// bare grammY bot (runner, a counter as its only handler) on the same server — the floor any bot pays
// for fetching and dispatching. Totals are checked against what the updates said, to the vote.
import { Bot } from "grammy";
import { run } from "@grammyjs/runner";
import { startTestApp } from "../test/support/app.ts";
import type { FakeTelegram } from "../test/support/fake-telegram/index.ts";
import type { Row } from "./support.ts";

const TOTAL = Number(process.env.BENCH_POLL_UPDATES ?? 50_000);
const CHANNELS = ["@bench_ru", "@bench_kk", "@bench_third"];
const GROUP = -1001700000001;
const OPTIONS = ["Да. Делают очень хорошо;", "Доволен/на качеством, но мешают постоянные пробки;", "Нет. Сразу видно, что делают плохо - через пару лет будут перекладывать;", "Сколько ни делай - толку не будет. Только деньги на ветер."];

interface Burst {
  updates: Array<Record<string, unknown>>;
  /** per Telegram poll id: the counts the store must end with */
  expected: Map<string, number[]>;
}

/**
 * A deterministic burst: channel copies' totals mostly growing, 5% of them retractions (totals going down),
 * named votes with changes and retractions. The runner handles updates concurrently, so the app sees them
 * out of order anyway; it must still end with the state of each copy's last update.
 */
function makeBurst(channelPolls: string[], groupPoll: string): Burst {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const updates: Array<Record<string, unknown>> = [];
  const counts = new Map(channelPolls.map((id) => [id, OPTIONS.map(() => 0)]));
  const choices = new Map<number, number[]>();
  const pollOf = (id: string, c: number[]) => ({
    poll: { id, question: "Довольны ли вы качеством ремонта дорог в Караганде?", options: OPTIONS.map((text, i) => ({ text, voter_count: c[i] })),
      total_voter_count: c.reduce((a, b) => a + b, 0), is_closed: false, is_anonymous: true, type: "regular", allows_multiple_answers: false },
  });
  for (let n = 0; n < TOTAL; n++) {
    if (n % 5 === 4) {
      // A named vote in the group: a new voter, a change of mind, or a retraction.
      const user = 1 + Math.floor(random() * 4000);
      const option = random() < 0.1 ? [] : [Math.floor(random() * OPTIONS.length)];
      choices.set(user, option);
      updates.push({ poll_answer: { poll_id: groupPoll, user: { id: user, is_bot: false, first_name: `Reader${user}` }, option_ids: option } });
      continue;
    }
    const id = channelPolls[n % channelPolls.length]!;
    const next = [...counts.get(id)!];
    const option = Math.floor(random() * OPTIONS.length);
    const retract = random() < 0.05 && next[option]! > 0; // "Retract vote" in an anonymous poll
    next[option]! += retract ? -1 : 1;
    counts.set(id, next);
    updates.push(pollOf(id, next));
  }
  const expected = new Map(counts);
  const tally = OPTIONS.map(() => 0);
  for (const option of choices.values()) for (const i of option) tally[i]!++;
  expected.set(groupPoll, tally);
  return { updates, expected };
}

function push(fake: FakeTelegram, burst: Burst): void {
  for (const update of burst.updates) fake.pushUpdate(update as never);
}

export async function benchPolls(): Promise<{ rows: Row[] }> {
  const t = await startTestApp({ env: { CHANNELS: CHANNELS.map((c) => `${c}:ru`).join(","), LOG_LEVEL: "warn" } });
  let appSeconds = 0;
  let exact = false;
  let burst: Burst;
  try {
    t.fake.addChat({ id: GROUP, type: "supergroup", title: "bench group" });
    const polls = t.app.services.polls;
    const channel = await polls.create({ externalId: "bench-roads", question: "Довольны ли вы качеством ремонта дорог в Караганде?", options: OPTIONS, chats: CHANNELS, siteVotes: [294, 42, 258, 33] });
    const group = await polls.create({ externalId: "bench-roads-group", question: "Довольны ли вы качеством ремонта дорог в Караганде?", options: OPTIONS, chats: [GROUP], isAnonymous: false });
    await polls.idle();
    const channelIds = CHANNELS.map((chat) => t.fake.pollsIn(chat)[0]!.id);
    const groupId = t.fake.pollsIn(GROUP)[0]!.id;
    burst = makeBurst(channelIds, groupId);

    const base = polls.handledUpdates();
    const started = performance.now();
    push(t.fake, burst);
    await polls.whenHandled(base + TOTAL);
    appSeconds = (performance.now() - started) / 1000;

    const [channelReport, groupReport] = [await polls.report(channel.poll.id), await polls.report(group.poll.id)];
    const stored = new Map(channelReport.poll.copies.map((c) => [c.telegramPollId!, JSON.parse(c.counts) as number[]]));
    const groupCounts = groupReport.results.options.map((o) => o.telegram);
    exact = channelIds.every((id) => JSON.stringify(stored.get(id)) === JSON.stringify(burst.expected.get(id)))
      && JSON.stringify(groupCounts) === JSON.stringify(burst.expected.get(groupId));
    if (!exact) console.error("poll bench: totals differ", { stored: [...stored], groupCounts, expected: [...burst.expected] });
  } finally {
    await t.stopApp();
  }

  // Baseline on the same server: the same burst, a bare bot with one counting handler.
  let bareSeconds = 0;
  try {
    const bot = new Bot(t.fake.token, { client: { apiRoot: t.fake.apiRoot }, botInfo: t.fake.botInfo as never });
    let seen = 0;
    let done!: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    bot.on(["poll", "poll_answer"], () => {
      if (++seen === TOTAL) done();
    });
    const runner = run(bot, { runner: { fetch: { allowed_updates: ["poll", "poll_answer"] } } });
    const started = performance.now();
    push(t.fake, burst!);
    await all;
    bareSeconds = (performance.now() - started) / 1000;
    await runner.stop();
  } finally {
    await t.close();
  }

  const rate = (seconds: number) => Math.round(TOTAL / seconds);
  return {
    rows: [
      { scenario: "Habarshy app: count votes into the store (long polling)", updates: TOTAL, seconds: appSeconds, "updates/s": rate(appSeconds), "totals exact": exact ? "yes" : "NO" },
      { scenario: "bare grammY bot: a counter, same fake server (baseline)", updates: TOTAL, seconds: bareSeconds, "updates/s": rate(bareSeconds), "totals exact": "-" },
      { scenario: "app / baseline", updates: TOTAL, seconds: appSeconds / bareSeconds, "updates/s": `${((rate(appSeconds) / rate(bareSeconds)) * 100).toFixed(0)}% of baseline`, "totals exact": "" },
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import("./support.ts");
  printTable("Poll votes", (await benchPolls()).rows);
}
