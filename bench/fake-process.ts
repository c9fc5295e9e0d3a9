// The fake Bot API in a child process, so that its work (parsing, rate checks, recording 100,000 calls)
// does not share the app's event loop or count in the app's memory. Talks over IPC:
//   parent → { cmd: "limits", limits } | { cmd: "stats", since } | { cmd: "close" }
//   child  → { apiRoot, token } once listening, then one answer per command.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startFakeTelegram } from "../test/support/fake-telegram/index.ts";
import type { RateLimits } from "../test/support/fake-telegram/index.ts";

export interface SendStats {
  ok: number;
  refused429: number;
  /** accepted sends per chat: how many chats got more than one */
  chatsTwice: number;
  /** times (ms) of accepted sends to chats matching the filter, ascending */
  times: number[];
  paidSends: number;
}

export interface RemoteFake {
  apiRoot: string;
  token: string;
  limits(limits: RateLimits | null): Promise<void>;
  /** accepted sendMessage calls to private chats (readers) or to channels since the mark */
  stats(filter: "readers" | "channels"): Promise<SendStats>;
  rss(): Promise<number>;
  close(): Promise<void>;
}

export async function startRemoteFake(): Promise<RemoteFake> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ["--child"], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let pending: ((value: unknown) => void) | null = null;
  const ready = new Promise<{ apiRoot: string; token: string }>((resolve) => {
    child.once("message", (message) => resolve(message as { apiRoot: string; token: string }));
  });
  const { apiRoot, token } = await ready;
  child.on("message", (message) => pending?.(message));
  const ask = <T>(command: object): Promise<T> => new Promise((resolve) => {
    pending = resolve as (value: unknown) => void;
    child.send(command);
  });
  return {
    apiRoot, token,
    limits: (limits) => ask({ cmd: "limits", limits }),
    stats: (filter) => ask({ cmd: "stats", filter }),
    rss: () => ask({ cmd: "rss" }),
    async close() {
      await ask({ cmd: "close" });
      child.kill();
    },
  };
}

if (process.argv.includes("--child")) {
  const fake = await startFakeTelegram();
  process.send!({ apiRoot: fake.apiRoot, token: fake.token });
  process.on("message", async (message: { cmd: string; limits?: RateLimits | null; filter?: string }) => {
    if (message.cmd === "limits") {
      fake.rateLimit(message.limits ?? null);
      process.send!(true);
    } else if (message.cmd === "stats") {
      const readers = message.filter === "readers";
      const calls = fake.callsTo("sendMessage").filter((c) => {
        const id = String(c.params.chat_id);
        return readers ? /^\d+$/.test(id) : !/^\d+$/.test(id);
      });
      const ok = calls.filter((c) => c.response.ok);
      const perChat = new Map<string, number>();
      for (const c of ok) perChat.set(String(c.params.chat_id), (perChat.get(String(c.params.chat_id)) ?? 0) + 1);
      process.send!({
        ok: ok.length, refused429: calls.filter((c) => c.response.error_code === 429).length,
        chatsTwice: [...perChat.values()].filter((n) => n > 1).length, times: ok.map((c) => c.at), paidSends: fake.paidSends,
      } satisfies SendStats);
    } else if (message.cmd === "rss") {
      process.send!(process.memoryUsage().rss);
    } else if (message.cmd === "close") {
      await fake.close();
      process.send!(true);
    }
  });
}
