// The editors' one-line (or one-per-line) poll form, parsed without grammY so it is testable alone:
//   /poll Question? | option 1 | option 2 --multi --public --closes 2d --chats @ru_news,@kk_news --lang kk
//   /poll Question?⏎option 1⏎option 2⏎--closes 3h
// The result is the same raw input the HTTP API takes; the service validates both the same way.
import { EARLIEST, LATEST, readDateTime } from "../input/date-time.ts";

export type PollCommand =
  | { ok: true; input: Record<string, unknown> }
  | { ok: false; code: string; params: Record<string, string | number> };

const UNITS: Record<string, number> = { m: 60_000, м: 60_000, h: 3_600_000, ч: 3_600_000, d: 86_400_000, д: 86_400_000 };

/** "90m", "2h", "3d" (also м/ч/д) from now, or an ISO date-time (without an offset: on TIMEZONE's clock). */
export function parseCloses(value: string, now: Date, timeZone: string): Date | null {
  const relative = /^(\d{1,4})\s*([mhdмчд])$/i.exec(value.trim());
  if (relative) return new Date(now.getTime() + Number(relative[1]) * UNITS[relative[2]!.toLowerCase()]!);
  const read = readDateTime(value, timeZone);
  // A date out of the store's range is still a date: the poll's rules say it is too far (or past).
  if (read.ok) return read.date;
  return read.reason === "late" ? new Date(LATEST) : read.reason === "early" ? new Date(EARLIEST) : null;
}

/** Splits "text --flag value --other" into the text and its flags. */
function splitFlags(segment: string): { text: string; flags: Array<[string, string[]]> } {
  const tokens = segment.trim().split(/\s+/).filter(Boolean);
  const first = tokens.findIndex((token) => /^--[a-z]/i.test(token));
  if (first === -1) return { text: segment.trim(), flags: [] };
  const flags: Array<[string, string[]]> = [];
  for (const token of tokens.slice(first)) {
    const flag = /^--([a-z-]+)(?:=(.*))?$/i.exec(token);
    if (flag) flags.push([flag[1]!.toLowerCase(), flag[2] ? [flag[2]] : []]);
    else flags.at(-1)![1].push(token);
  }
  return { text: tokens.slice(0, first).join(" "), flags };
}

export function parsePollCommand(body: string, now: Date, timeZone: string): PollCommand {
  const segments = body.includes("|") ? body.split("|") : body.split("\n");
  const items: string[] = [];
  const input: Record<string, unknown> = {};
  for (const segment of segments) {
    const { text, flags } = splitFlags(segment);
    if (text) items.push(text);
    for (const [name, values] of flags) {
      const value = values.join(" ");
      switch (name) {
        case "multi": case "multiple": input.allowsMultipleAnswers = true; break;
        case "public": case "open": input.isAnonymous = false; break;
        case "lang": case "language": input.language = value; break;
        case "id": input.externalId = value; break;
        case "chats": case "chat": input.chats = value.split(/[\s,]+/).filter(Boolean); break;
        case "closes": case "close": {
          const closes = parseCloses(value, now, timeZone);
          if (!closes) return { ok: false, code: "closes-format", params: { value } };
          input.closesAt = closes.toISOString();
          break;
        }
        default: return { ok: false, code: "flag-unknown", params: { flag: `--${name}` } };
      }
    }
  }
  if (items.length === 0) return { ok: false, code: "usage", params: {} };
  input.question = items[0];
  input.options = items.slice(1);
  return { ok: true, input };
}
