// What the CMS (HTTP API) and the feed poller may hand us. One schema, so both paths validate the same way:
// text is cleaned, identifiers, URLs and dates are refused when they are not what they should be
// (src/input/fields.ts).
import { z } from "zod";
import { LOCALES } from "../config.ts";
import { DATE_MESSAGES, dateTime, identifier, text, UNCLEAN_ID } from "../input/fields.ts";

// Normalised (punycode host, percent-encoded path) so the button URL we send is the one Telegram keeps:
// crash recovery recognises our posts by their exact keyboard.
const httpUrl = z.string().trim().max(2048, "must be at most 2048 characters")
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), "must be an absolute http(s) URL")
  .transform((value) => new URL(value).href);

export const externalIdSchema = identifier({ empty: "is required", long: "must be at most 200 characters", unclean: UNCLEAN_ID });

/** The article schema; dates without an offset are read in `timeZone` (TIMEZONE). */
export function articleInputSchema(timeZone: string) {
  const date = dateTime(timeZone, DATE_MESSAGES);
  return z.object({
    externalId: externalIdSchema,
    url: httpUrl,
    title: text(z.string().trim().min(1, "is required").max(1000, "must be at most 1000 characters")),
    lead: text(z.string().max(10_000, "must be at most 10000 characters")).optional().nullable(),
    body: text(z.string().max(500_000, "must be at most 500000 characters")).optional().nullable(),
    imageUrl: httpUrl.optional().nullable(),
    section: text(z.string().trim().max(100, "must be at most 100 characters")).optional().nullable(),
    tags: z.array(text(z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters")), { error: "must be an array of strings" })
      .max(30, "must have at most 30 tags").optional(),
    language: z.enum(LOCALES, { error: `must be one of ${LOCALES.join(", ")}` }).optional(),
    author: text(z.string().trim().max(200, "must be at most 200 characters")).optional().nullable(),
    publishedAt: date.optional().nullable(),
    publishAt: date.optional().nullable(),
    breaking: z.boolean({ error: "must be true or false" }).optional(),
    /** a reader poll to post right after the article: validated by src/polls/article-poll.ts */
    poll: z.unknown().optional(),
  });
}

export type ArticleInput = z.input<ReturnType<typeof articleInputSchema>>;
export type ValidArticleInput = z.output<ReturnType<typeof articleInputSchema>>;

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

const schemas = new Map<string, ReturnType<typeof articleInputSchema>>();

/**
 * Validates an article. `timeZone` reads dates written without an offset; feed items always carry one
 * (they are written by feedItemToArticle with toISOString), so the feed poller may leave it out.
 */
export function parseArticleInput(input: unknown, timeZone = "UTC"): ValidArticleInput {
  let schema = schemas.get(timeZone);
  if (!schema) schemas.set(timeZone, (schema = articleInputSchema(timeZone)));
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldErrors(result.error));
  return result.data;
}
