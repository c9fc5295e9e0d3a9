// `npm run bench`: every benchmark, each as a table, against the fake Bot API on this machine.
import { printTable } from "./support.ts";
import { benchPublishing } from "./publishing.ts";

const suites: Array<[string, () => Promise<{ rows: Array<Record<string, string | number>> }>]> = [
  ["Publishing (issue: articles to channels)", benchPublishing],
];

const optional = [
  ["Poll votes (issue: reader polls)", "./polls.ts", "benchPolls"],
  ["Tips (issue: news tips)", "./tips.ts", "benchTips"],
  ["Input and logs (issue: trust under real inputs)", "./input.ts", "benchInput"],
  ["Tip conversation under junk (issue 7)", "./tips-junk.ts", "benchTipJunk"],
  ["A feed listing 60,000 items (issue 7)", "./feeds.ts", "benchFeeds"],
  ["Broadcast to readers (issue: Рассылка)", "./broadcast.ts", "benchBroadcast"],
  ["Console (issue: the editors' console)", "./console.ts", "benchConsole"],
  ["Several instances on one PostgreSQL (issue 9)", "./instances.ts", "benchInstances"],
] as const;
for (const [title, file, name] of optional) {
  try {
    const module = (await import(file)) as Record<string, () => Promise<{ rows: Array<Record<string, string | number>> }>>;
    if (typeof module[name] === "function") suites.push([title, module[name]]);
  } catch (error) {
    console.log(`(skipping ${title}: ${(error as Error).message})`);
  }
}

const only = process.argv[2];
for (const [title, run] of suites) {
  if (only && !title.toLowerCase().includes(only.toLowerCase())) continue;
  const started = Date.now();
  const { rows } = await run();
  printTable(`${title} — ${((Date.now() - started) / 1000).toFixed(1)} s`, rows);
}
console.log(`\nnode ${process.version}, ${process.platform}/${process.arch}; database: ${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"}`);
