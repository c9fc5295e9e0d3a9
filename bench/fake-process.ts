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

function newTally() {
  return { times: [] as number[], refused429: 0, chats: new Set<string>(), twice: new Set<string>() };
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
  // Only what the stats need is kept, counted as calls arrive: a fake that keeps 100,000 calls pauses for
  // its own garbage collection long enough to bunch arrivals past its rate limits.
  const isReader = (chatId: unknown) => /^\d+$/.test(String(chatId));
  const tally = { readers: newTally(), channels: newTally() };
  const fake = await startFakeTelegram({
    keepCalls: false,
    onCall(call) {
      if (call.method !== "sendMessage") return;
      const t = isReader(call.params.chat_id) ? tally.readers : tally.channels;
      if (call.response.error_code === 429) t.refused429++;
      if (!call.response.ok) return;
      t.times.push(call.at);
      const chat = String(call.params.chat_id);
      if (t.chats.has(chat)) t.twice.add(chat);
      else t.chats.add(chat);
    },
  });
  process.send!({ apiRoot: fake.apiRoot, token: fake.token });
  process.on("message", async (message: { cmd: string; limits?: RateLimits | null; filter?: string }) => {
    if (message.cmd === "limits") {
      fake.rateLimit(message.limits ?? null);
      process.send!(true);
    } else if (message.cmd === "stats") {
      const t = message.filter === "readers" ? tally.readers : tally.channels;
      process.send!({ ok: t.times.length, refused429: t.refused429, chatsTwice: t.twice.size, times: t.times, paidSends: fake.paidSends } satisfies SendStats);
    } else if (message.cmd === "rss") {
      process.send!(process.memoryUsage().rss);
    } else if (message.cmd === "close") {
      await fake.close();
      process.send!(true);
    }
  });
}
