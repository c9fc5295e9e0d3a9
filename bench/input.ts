// What trusting no input costs (decision 007): a logged 500 with its causes censored and serialized,
// versus bare pino writing the same call; an article validated and cleaned; a 4,096-unit cut between
// graphemes, versus the previous truncate, which only kept surrogate pairs whole. Pure CPU, no I/O:
// each row is the mean of many repetitions.
import { Writable } from "node:stream";
import pino from "pino";
import { createLogger } from "../src/logger.ts";
import { parseArticleInput } from "../src/articles/article-input.ts";
import { truncate } from "../src/text/truncate.ts";
import type { Row } from "./support.ts";

const LOG_LINES = Number(process.env.BENCH_LOG_LINES ?? 20_000);
const PARSES = Number(process.env.BENCH_PARSES ?? 20_000);
const CUTS = Number(process.env.BENCH_CUTS ?? 5_000);

/** Microseconds per call of `run`, after a warm-up of a tenth of the calls. */
function perCall(calls: number, run: (i: number) => void): number {
  for (let i = 0; i < calls / 10; i++) run(i);
  const started = performance.now();
  for (let i = 0; i < calls; i++) run(i);
  return ((performance.now() - started) * 1000) / calls;
}

export async function benchInput(): Promise<{ rows: Row[] }> {
  const sink = () => new Writable({ write(_chunk, _encoding, done) { done(); } }) as unknown as pino.DestinationStream;
  const root = Object.assign(new Error("connection terminated unexpectedly"), { code: "ECONNRESET" });
  const error = Object.assign(new Error("Invalid `tx.tip.findMany()` invocation: the table `Tip` does not exist", { cause: root }), {
    code: "P2021", meta: { table: "Tip" }, clientVersion: "6.19.3",
  });
  const fields = (i: number) => ({ err: error, errorId: `id-${i}`, method: "GET", url: "/api/tips?limit=5", at: new Date() });

  const bare = pino({ level: "info" }, sink());
  const bareUs = perCall(LOG_LINES, (i) => bare.error(fields(i), "request failed"));
  const ours = createLogger({ level: "info", destination: sink(), secrets: ["123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "api-token-abcdefghijklmnop"] });
  const oursUs = perCall(LOG_LINES, (i) => ours.error(fields(i), "request failed"));

  const article = (i: number) => ({
    externalId: `bench-${i}`, url: `https://ekaraganda.kz/?mod=news_read&id=${i}`, title: "В Карагандинской области заработают общественные советы",
    lead: "Лид новости. ".repeat(40), body: "<p>Текст статьи.</p>".repeat(200), tags: ["Политика", "Караганда"], publishedAt: "2026-12-03T10:00:00",
  });
  const parseUs = perCall(PARSES, (i) => parseArticleInput(article(i), "Asia/Almaty"));

  const long = "Жаңалық 👨‍👩‍👧 ".repeat(1000);
  const sliceUs = perCall(CUTS, () => surrogateSafeCut(long, 4096));
  const cutUs = perCall(CUTS, () => truncate(long, 4096));

  return {
    rows: [
      { scenario: "bare pino: a 500's log line (baseline)", calls: LOG_LINES, "µs per call": bareUs },
      { scenario: "Habarshy logger: same line, causes kept, secrets censored", calls: LOG_LINES, "µs per call": oursUs, "vs baseline": `${(oursUs / bareUs).toFixed(1)}x` },
      { scenario: "parseArticleInput: validate and clean an article", calls: PARSES, "µs per call": parseUs },
      { scenario: "the previous truncate: surrogate pairs only (baseline)", calls: CUTS, "µs per call": sliceUs },
      { scenario: "truncate to 4,096 units between graphemes", calls: CUTS, "µs per call": cutUs, "vs baseline": `${(cutUs / sliceUs).toFixed(1)}x` },
    ],
  };
}

/** The truncate this project had before decision 007 (it kept surrogate pairs, not graphemes, whole). */
function surrogateSafeCut(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const slice = text.slice(0, cut);
  const boundary = Math.max(slice.lastIndexOf(" "), slice.lastIndexOf("\n"));
  const kept = boundary >= cut * 0.66 ? slice.slice(0, boundary) : slice;
  return kept.replace(/[\s,;:.\-–—]+$/u, "") + "…";
}
