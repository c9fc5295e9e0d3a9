// Habarshy instances as an operator runs them: each `src/main.ts` in its own process (npm start's entry
// point), configured by environment, killed with SIGKILL when a test or benchmark wants a crash. The
// instance's URL and cluster id come from its "Habarshy is running" log line.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";

export interface Instance {
  child: ChildProcess;
  /** resolves with the HTTP address and the cluster id once the instance runs */
  running: Promise<{ url: string; id: string }>;
  /** what the instance wrote to stderr and the log lines that matched `watch` */
  output(): string;
  kill(): Promise<void>;
}

export function startInstance(env: Record<string, string>, options: { watch?: (line: string) => void } = {}): Instance {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: { PATH: process.env.PATH, HTTP_HOST: "127.0.0.1", HTTP_PORT: "0", LOG_LEVEL: "info", QUIET_HOURS: "off", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr!.on("data", (chunk) => (output += String(chunk)));
  const running = new Promise<{ url: string; id: string }>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      options.watch?.(line);
      if (line.includes('"level":50') || line.includes('"level":60')) output += `${line}\n`;
      if (!line.includes("Habarshy is running")) return;
      const entry = JSON.parse(line) as { url: string; instance: string };
      resolve({ url: entry.url, id: entry.instance });
    });
    child.once("exit", (code, signal) => reject(new Error(`instance exited (${code ?? signal}) before it ran:\n${output.slice(-3000)}`)));
  });
  running.catch(() => undefined);
  return {
    child,
    running,
    output: () => output,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGKILL");
      await once(child, "exit");
    },
  };
}
