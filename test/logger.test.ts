import { Writable } from "node:stream";
import { GrammyError } from "grammy";
import type pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, logSecrets } from "../src/logger.ts";
import { parseConfig } from "../src/config.ts";
import { startTestApp, type TestApp } from "./support/app.ts";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({ write(chunk, _e, done) { lines.push(String(chunk)); done(); } });
  return { lines, destination: destination as unknown as pino.DestinationStream, last: () => JSON.parse(lines.at(-1)!) as Record<string, any> };
}

const CONFIG = parseConfig({
  BOT_TOKEN: "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
  API_TOKEN: "api-token-abcdefghijklmnop",
  METRICS_TOKEN: "metrics-token-qrstuvwxyz0123",
  WEBHOOK_URL: "https://news.example.kz/telegram/webhook",
  WEBHOOK_SECRET: "webhook-secret-XYZ_987",
  DATABASE_URL: "postgresql://habarshy:p%40ss-w0rd-DB@db.example.kz:5432/habarshy",
});
const SECRETS = ["AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "api-token-abcdefghijklmnop", "metrics-token-qrstuvwxyz0123", "webhook-secret-XYZ_987", "p@ss-w0rd-DB", "p%40ss-w0rd-DB"];
const PHONE = "77011234567";

describe("logging", () => {
  it("keeps an error's message, stack, own fields and every cause, and logs dates as dates", () => {
    const { destination, last } = capture();
    const logger = createLogger({ destination });
    const root = Object.assign(new Error("connection refused by db.example.kz"), { code: "ECONNREFUSED" });
    const middle = new Error("query failed", { cause: root });
    const top = new AggregateError([new Error("first of two")], "could not store the article", { cause: middle });
    const at = new Date("2026-12-03T05:00:00.000Z");
    logger.error({ err: top, at, nested: { when: [at] }, other: new Error("logged under another key") }, "request failed");
    const line = last();
    expect(line.err).toMatchObject({ type: "AggregateError", message: "could not store the article" });
    expect(line.err.stack).toMatch(/^AggregateError: could not store the article\n\s+at /);
    expect(line.err.aggregateErrors[0]).toMatchObject({ type: "Error", message: "first of two" });
    expect(line.err.cause).toMatchObject({ type: "Error", message: "query failed" });
    expect(line.err.cause.cause).toMatchObject({ type: "Error", message: "connection refused by db.example.kz", code: "ECONNREFUSED" });
    expect(line.err.cause.cause.stack).toContain("at ");
    expect(line.other).toMatchObject({ type: "Error", message: "logged under another key" });
    expect([line.at, line.nested.when[0]]).toEqual(["2026-12-03T05:00:00.000Z", "2026-12-03T05:00:00.000Z"]);

    logger.warn(new Error("an error alone is its own message"));
    expect(last()).toMatchObject({ msg: "an error alone is its own message", err: { message: "an error alone is its own message" } });
    logger.warn({ err: new Error("a cause that is no error", { cause: { code: 42, detail: "text" } }) }, "x");
    expect(last().err.cause).toEqual({ code: 42, detail: "text" });
  });

  it("never writes a configured secret, wherever it sits: nested, in arrays, in messages, stacks and causes", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ destination, secrets: logSecrets(CONFIG) }).child({ component: "test" });
    const url = `https://api.telegram.org/bot${CONFIG.botToken}/getMe`;
    const cause = new Error(`connect to ${CONFIG.databaseUrl} failed`);
    const err = new Error(`request to ${url} failed with ${CONFIG.apiToken}`, { cause });
    err.stack = `${err.stack}\n    at secret ${CONFIG.metricsToken}`;
    logger.error({ err, deep: { a: { b: { c: [{ d: [`header ${CONFIG.updates.kind === "webhook" ? CONFIG.updates.secret : ""}`] }] } } } }, `calling ${url}`);
    logger.info({ config: CONFIG }, "the whole configuration, by mistake");
    logger.warn({ retry: { with: [[...SECRETS]] } }, `bare values: ${SECRETS.join(" ")}`);
    logger.error(new Error(`postgresql://someone:other-password@host/db and 987654321:${"Z".repeat(35)}`));
    const text = lines.join("");
    for (const secret of [...SECRETS, "other-password", "Z".repeat(35)]) expect(text, secret).not.toContain(secret);
    expect(text).toContain("[redacted]");
    // What is not secret stays readable.
    expect(text).toContain("https://api.telegram.org/bot[redacted]/getMe");
    expect(text).toContain("postgresql://habarshy:[redacted]@db.example.kz:5432/habarshy");
  });

  it("never writes a tipster's phone, under any of its names, at any depth, nor in an error's text", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ destination });
    const error = new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }, "sendMessage", { chat_id: 777000111, text: `my phone +${PHONE}` });
    logger.error({
      err: error, phone: `+${PHONE}`, tip: { contactPhone: `+${PHONE}`, messages: [{ contact: { phone_number: PHONE, first_name: "Дана" } }] },
      updates: [{ message: { contact: { phone_number: `+${PHONE}` } } }], Phone_Number: PHONE,
    }, "relay failed");
    // Prisma prints the arguments of a failed query in its message.
    logger.error({ err: new Error(`Invalid \`prisma.tip.create()\` invocation:\n{\n  data: {\n    contactPhone: "+${PHONE}",\n    text: "…"`) }, "tip not stored");
    const text = lines.join("");
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain("777000111");
    expect(text).toContain("Forbidden: bot was blocked by the user");
    expect(text).toContain("sendMessage");
    expect(text).toContain("Invalid `prisma.tip.create()` invocation");
  });
});

describe("the log line of a 500, read as an operator would", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("holds the cause's message and stack under the errorId the client was given", async () => {
    // A broken store: the tips table is gone (a bad manual migration, a restore gone wrong).
    await t.database.db.$executeRawUnsafe('ALTER TABLE "Tip" RENAME TO "TipGone"');
    const res = await t.api("GET", "/api/tips?limit=5");
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: "internal", message: "something went wrong on our side", errorId: expect.any(String) });
    const line = t.logs.find((l) => l.errorId === res.body.errorId)!;
    expect(line).toMatchObject({ level: 50, msg: "request failed", method: "GET", url: "/api/tips?limit=5" });
    const err = line.err as { type: string; message: string; stack: string };
    expect(err.type).toMatch(/^PrismaClient/);
    expect(err.message).toMatch(/Tip` does not exist/);
    expect(err.message.length).toBeGreaterThan(20);
    expect(err.stack).toMatch(/\n\s+at /);
    expect(t.logText()).not.toContain(t.fake.token.split(":")[1]);
  });
});
