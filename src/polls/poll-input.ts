// What a poll may be, checked before anything reaches Telegram: its limits (question 1–300, 2–12 options
// of 1–100 characters) would otherwise come back as a 400 from sendPoll long after the editor left.
// Every problem carries a code and parameters, so the API can say it in English per field and the bot can
// say it in the editor's language (locales/*/polls.ftl, `poll-error-<code>`).
import { z } from "zod";
import { LOCALES } from "../config.ts";
import { ValidationError } from "../articles/article-input.ts";
import { cleanText } from "../text/clean.ts";
import { dateTime, identifier, isSiteCount, MAX_SITE_VOTES, text } from "../input/fields.ts";

export const POLL_LIMITS = { question: 300, option: 100, minOptions: 2, maxOptions: 12, maxDays: 30, maxChats: 20 } as const;

export interface PollProblem {
  field: string;
  code: string;
  params: Record<string, string | number>;
}

const ENGLISH: Record<string, (p: Record<string, string | number>) => string> = {
  "required": () => "is required",
  "body": () => "must be a JSON object",
  "question-empty": () => "must not be empty",
  "question-too-long": (p) => `must be at most ${POLL_LIMITS.question} characters (has ${p.length})`,
  "options-type": () => "must be an array of strings",
  "options-too-few": () => `must have at least ${POLL_LIMITS.minOptions} options`,
  "options-too-many": () => `must have at most ${POLL_LIMITS.maxOptions} options`,
  "option-empty": () => "must not be empty",
  "option-too-long": (p) => `must be at most ${POLL_LIMITS.option} characters (has ${p.length})`,
  "option-duplicate": (p) => `repeats option ${p.other}`,
  "closes-invalid": () => "must be an ISO 8601 date-time",
  "closes-past": () => "must be in the future",
  "closes-too-far": () => `must be at most ${POLL_LIMITS.maxDays} days ahead`,
  "chats-invalid": (p) => `"${p.chat}" is not a chat id or @username`,
  "chats-too-many": () => `must have at most ${POLL_LIMITS.maxChats} chats`,
  "chats-none": () => "no chat to post to: pass chats or configure CHANNELS",
  "language-invalid": () => `must be one of ${LOCALES.join(", ")}`,
  "boolean": () => "must be true or false",
  "text": () => "must be a string of 1-200 characters",
  "id-unclean": () => "must not contain control characters or broken Unicode",
  "site-votes-invalid": () => `must be an array of whole numbers from 0 to ${MAX_SITE_VOTES}`,
  "site-votes-length": (p) => `must have one count per option (${p.expected})`,
};

/** A ValidationError (the HTTP layer answers 400 with `fields`) that also knows how to be translated. */
export class PollValidationError extends ValidationError {
  override name = "PollValidationError";
  constructor(readonly problems: PollProblem[]) {
    super(Object.fromEntries(dedupe(problems).map((p) => [p.field, (ENGLISH[p.code] ?? (() => p.code))(p.params)])));
  }
}

function dedupe(problems: PollProblem[]): PollProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.field) && seen.add(p.field));
}

const chatRef = z.union([z.string(), z.number()]).transform((value) => String(value).trim());

/** Options compared the way a reader would: "Да" and " да " are the same answer. */
export const optionKey = (text: string) => text.trim().toLocaleLowerCase();

/** One site count: a whole number from 0 to MAX_SITE_VOTES (1e308 and 2**53 are integers too). */
const siteCount = z.number().refine(isSiteCount, "site-votes-invalid");

function schemaAt(now: Date, timeZone: string) {
  return z.object({
    externalId: identifier({ type: "text", empty: "text", long: "text", unclean: "id-unclean" }).optional().nullable(),
    question: text(z.string().trim().min(1, "question-empty").max(POLL_LIMITS.question, "question-too-long"), "required"),
    options: z.array(text(z.string().trim().min(1, "option-empty").max(POLL_LIMITS.option, "option-too-long"), "option-empty"), { error: "options-type" })
      .min(POLL_LIMITS.minOptions, "options-too-few").max(POLL_LIMITS.maxOptions, "options-too-many")
      .superRefine((options, ctx) => {
        const first = new Map<string, number>();
        options.forEach((text, i) => {
          const other = first.get(optionKey(text));
          if (other === undefined) first.set(optionKey(text), i);
          else ctx.addIssue({ code: "custom", path: [i], message: "option-duplicate", params: { other: other + 1 } });
        });
      }),
    language: z.enum(LOCALES, { error: "language-invalid" }).optional(),
    chats: z.array(chatRef, { error: "chats-invalid" }).max(POLL_LIMITS.maxChats, "chats-too-many")
      .superRefine((chats, ctx) => chats.forEach((chat, i) => {
        if (!/^(-?\d+|@[A-Za-z][A-Za-z0-9_]{3,31})$/.test(chat)) ctx.addIssue({ code: "custom", path: [i], message: "chats-invalid", params: { chat } });
      }))
      .transform((chats) => [...new Set(chats)]).optional(),
    closesAt: dateTime(timeZone, { format: "closes-invalid", early: "closes-past", late: "closes-too-far" }).optional().nullable().superRefine((value, ctx) => {
      if (!value) return;
      if (value.getTime() <= now.getTime()) ctx.addIssue({ code: "custom", message: "closes-past" });
      else if (value.getTime() > now.getTime() + POLL_LIMITS.maxDays * 86_400_000) ctx.addIssue({ code: "custom", message: "closes-too-far" });
    }),
    allowsMultipleAnswers: z.boolean({ error: "boolean" }).optional(),
    /** groups only: channels refuse non-anonymous polls, so their copies are always anonymous */
    isAnonymous: z.boolean({ error: "boolean" }).optional(),
    siteVotes: z.array(siteCount, { error: "site-votes-invalid" }).optional(),
  }).superRefine((input, ctx) => {
    if (input.siteVotes && input.siteVotes.length !== input.options.length) {
      ctx.addIssue({ code: "custom", path: ["siteVotes"], message: "site-votes-length", params: { expected: input.options.length } });
    }
  });
}

export type ValidPollInput = z.output<ReturnType<typeof schemaAt>>;

function problemsOf(error: z.ZodError, input: unknown): PollProblem[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join(".") : "body";
    const known = issue.message in ENGLISH;
    const code = issue.code === "invalid_type" && issue.input === undefined && issue.path.length === 1 ? "required"
      : known ? issue.message : issue.path[0] === "siteVotes" ? "site-votes-invalid" : "required";
    const params: Record<string, string | number> = { ...((issue as { params?: Record<string, string | number> }).params ?? {}) };
    if (issue.path[0] === "options" && typeof issue.path[1] === "number") params.n = issue.path[1] + 1;
    // The length Telegram would count: of the text as it is cleaned, which is what was checked.
    if (code === "question-too-long") params.length = cleanLength((input as { question?: unknown }).question);
    if (code === "option-too-long") params.length = cleanLength((input as { options?: unknown[] }).options?.[Number(issue.path[1])]);
    return { field, code, params };
  });
}

const cleanLength = (value: unknown) => cleanText(String(value ?? "")).trim().length;

/**
 * Validates a poll as of `now` (closesAt must be ahead of it); a closesAt without an offset is read in
 * `timeZone` (TIMEZONE). Throws PollValidationError.
 */
export function parsePollInput(raw: unknown, now: Date, timeZone = "UTC"): ValidPollInput {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new PollValidationError([{ field: "body", code: "body", params: {} }]);
  const result = schemaAt(now, timeZone).safeParse(raw);
  if (!result.success) throw new PollValidationError(problemsOf(result.error, raw));
  return result.data;
}

/** `PUT /site-votes`: one count per option, each a whole number from 0 to MAX_SITE_VOTES. */
export function parseSiteVotes(raw: unknown, optionCount: number): number[] {
  const votes = (raw as { votes?: unknown } | null)?.votes;
  if (!Array.isArray(votes) || !votes.every(isSiteCount)) {
    throw new PollValidationError([{ field: "votes", code: "site-votes-invalid", params: {} }]);
  }
  if (votes.length !== optionCount) throw new PollValidationError([{ field: "votes", code: "site-votes-length", params: { expected: optionCount } }]);
  return votes as number[];
}
