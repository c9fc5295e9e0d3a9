// What the CMS (HTTP API) and the feed poller may hand us. One schema, so both paths validate the same way.
import { z } from "zod";
import { LOCALES } from "../config.ts";

// Normalised (punycode host, percent-encoded path) so the button URL we send is the one Telegram keeps:
// crash recovery recognises our posts by their exact keyboard.
const httpUrl = z.string().trim().max(2048, "must be at most 2048 characters")
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), "must be an absolute http(s) URL")
  .transform((value) => new URL(value).href);

const date = z.union([z.string(), z.number()])
  .transform((value, ctx) => {
    const parsed = new Date(value);
    if (Number.isNaN(parsed.getTime())) {
      ctx.addIssue({ code: "custom", message: "must be an ISO 8601 date-time" });
      return z.NEVER;
    }
    return parsed;
  });

export const articleInputSchema = z.object({
  externalId: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  url: httpUrl,
  title: z.string().trim().min(1, "is required").max(1000, "must be at most 1000 characters"),
  lead: z.string().max(10_000, "must be at most 10000 characters").optional().nullable(),
  body: z.string().max(500_000, "must be at most 500000 characters").optional().nullable(),
  imageUrl: httpUrl.optional().nullable(),
  section: z.string().trim().max(100, "must be at most 100 characters").optional().nullable(),
  tags: z.array(z.string().trim().min(1).max(100), { error: "must be an array of strings" }).max(30, "must have at most 30 tags").optional(),
  language: z.enum(LOCALES, { error: `must be one of ${LOCALES.join(", ")}` }).optional(),
  author: z.string().trim().max(200).optional().nullable(),
  publishedAt: date.optional().nullable(),
  publishAt: date.optional().nullable(),
  breaking: z.boolean({ error: "must be true or false" }).optional(),
  /** a reader poll to post right after the article: validated by src/polls/article-poll.ts */
  poll: z.unknown().optional(),
});

export type ArticleInput = z.input<typeof articleInputSchema>;
export type ValidArticleInput = z.output<typeof articleInputSchema>;

export class ValidationError extends Error {
  override name = "ValidationError";
  constructor(readonly fields: Record<string, string>) {
    super("invalid input: " + Object.entries(fields).map(([field, reason]) => `${field} ${reason}`).join("; "));
  }
}

/** Turns zod issues into `{ field: reason }`, one reason per field, as the API reports them. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.join(".") : "body";
    const message = issue.code === "invalid_type" && issue.input === undefined ? "is required" : issue.message;
    fields[field] ??= message;
  }
  return fields;
}

export function parseArticleInput(input: unknown): ValidArticleInput {
  const result = articleInputSchema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldErrors(result.error));
  return result.data;
}
