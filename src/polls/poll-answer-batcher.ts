// Group commit for `poll_answer` rows: rows queued while a write is in flight go out together in the next
// one, so a burst of named votes costs a few transactions instead of one each.
import type { PollRepository } from "./poll-repository.ts";

export type AnswerRow = Parameters<PollRepository["upsertAnswers"]>[0][number];

/**
 * A voter's rows stay in order (the last one in a batch wins), and each caller resolves when its row is
 * stored, or rejects with the batch's error.
 */
export function createAnswerBatcher(write: (rows: AnswerRow[]) => Promise<void>, max = 500) {
  let queue: Array<{ row: AnswerRow; done: (error?: unknown) => void }> = [];
  let flushing = false;
  let scheduled = false;
  async function flush(): Promise<void> {
    flushing = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, max);
      queue = queue.slice(max);
      const latest = new Map(batch.map((item) => [`${item.row.telegramPollId}:${item.row.userId}`, item.row]));
      const error = await write([...latest.values()]).then(() => undefined, (e: unknown) => e ?? new Error("answer write failed"));
      batch.forEach((item) => item.done(error));
    }
    flushing = false;
  }
  return (row: AnswerRow) => new Promise<void>((resolve, reject) => {
    queue.push({ row, done: (error) => (error ? reject(error) : resolve()) });
    if (flushing || scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void flush();
    });
  });
}
