// A feed that lists its whole archive (issue 7: 60,000 items blocked the event loop for 1.6 s): one
// first poll of such a feed through the real feed service and store, with the per-poll cap (the newest
// MAX_ITEMS_PER_POLL items) and without it. "Longest block" is the longest stretch the event loop could
// not run anything else (the longest gap between the ticks of a 1 ms timer), i.e. what the bot, the API and the
// delivery worker waited. Floor: feedsmith parsing the same document, which every poll still does.
import { parseFeed } from "feedsmith";
import { startTestApp } from "../test/support/app.ts";
import { rss, startFeedServer, type TestItem } from "../test/feeds/fixtures/feed-server.ts";
import { createFeedService } from "../src/feeds/feed-service.ts";
import { MAX_ITEMS_PER_POLL } from "../src/feeds/feed-ingest.ts";
import { createLogger } from "../src/logger.ts";
import { systemClock } from "../src/clock.ts";
import type { Row } from "./support.ts";

const ITEMS = Number(process.env.BENCH_FEED_ITEMS ?? 60_000);

/** Runs `run` while a 1 ms timer notes the longest gap between its ticks: the longest event-loop block. */
async function measure<T>(run: () => Promise<T> | T): Promise<{ ms: number; blockMs: number; result: T }> {
  let last = performance.now();
  let blockMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    blockMs = Math.max(blockMs, now - last);
    last = now;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  const started = performance.now();
  const result = await run();
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(timer);
  return { ms, blockMs, result };
}

export async function benchFeeds(): Promise<{ rows: Row[] }> {
  const now = Date.now();
  const items: TestItem[] = Array.from({ length: ITEMS }, (_, i) => ({
    guid: `a-${i}`, title: `Новость ${i}`, link: `https://ekaraganda.kz/a/${i}`, date: new Date(now - i * 60_000),
  }));
  const xml = rss(items);
  const server = await startFeedServer();
  server.serve("/all.xml", { body: xml });
  const rows: Row[] = [];
  try {
    const floor = await measure(() => parseFeed(xml));
    rows.push({ case: `feedsmith parses the document (floor)`, items: ITEMS, taken: "-", bytes: xml.length, "poll ms": Math.round(floor.ms), "longest block ms": Math.round(floor.blockMs) });
    for (const maxItems of [MAX_ITEMS_PER_POLL, Number.POSITIVE_INFINITY]) {
      const t = await startTestApp({ app: { logger: createLogger({ level: "silent" }) } });
      try {
        const feeds = createFeedService({
          db: t.database.db, clock: systemClock, logger: createLogger({ level: "silent" }), articles: t.app.services.articles,
          defaultLocale: "ru", maxItems, maxBytes: 64 * 1024 * 1024,
        });
        await feeds.seed([server.url("/all.xml")]);
        const [feed] = await feeds.list();
        const poll = await measure(() => feeds.pollOne(feed!.id));
        if (poll.result.status !== "ok") throw new Error(`feed poll failed: ${JSON.stringify(poll.result)}`);
        rows.push({
          case: Number.isFinite(maxItems) ? `first poll, newest ${maxItems} taken` : "first poll, every item taken (no cap)",
          items: ITEMS, taken: poll.result.items, bytes: xml.length, "poll ms": Math.round(poll.ms), "longest block ms": Math.round(poll.blockMs),
        });
      } finally {
        await t.close();
      }
    }
  } finally {
    await server.close();
  }
  return { rows };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchFeeds().then((result) => console.table(result.rows), (error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
