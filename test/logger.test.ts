import { Writable } from "node:stream";
import { GrammyError } from "grammy";
import type pino from "pino";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.ts";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({ write(chunk, _e, done) { lines.push(String(chunk)); done(); } });
  return { lines, destination: destination as unknown as pino.DestinationStream };
}

describe("logging", () => {
  it("never writes the bot token, even inside an error message", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ destination, secrets: ["123456:SECRET-TOKEN-VALUE"] });
    logger.error({ err: new Error("request to https://api.telegram.org/bot123456:SECRET-TOKEN-VALUE/getMe failed") }, "boom");
    logger.info({ token: "whatever", url: "https://api.telegram.org/bot123456:SECRET-TOKEN-VALUE/x" }, "call");
    expect(lines.join("")).not.toContain("SECRET-TOKEN-VALUE");
    expect(lines.join("")).toContain("[redacted]");
  });

  it("drops phone numbers and the payload of failed Telegram calls", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ destination });
    const error = new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }, "sendMessage", { chat_id: 777000111, text: "my phone +77011234567" });
    logger.error({ err: error, contact: { phone_number: "+77011234567" }, phone: "+77011234567" }, "relay failed");
    const text = lines.join("");
    expect(text).not.toContain("77011234567");
    expect(text).not.toContain("777000111");
    expect(text).toContain("Forbidden: bot was blocked by the user");
  });
});
