// The stored columns of an article and the hash of what shows in a post. One definition, used by the
// article service (to store and to spot unchanged re-submissions), the feed poller (to skip unchanged
// items without a transaction each) and tips (draft articles).
import { createHash } from "node:crypto";
import type { ValidArticleInput } from "./article-input.ts";

export function articleRecord(input: ValidArticleInput, defaultLocale: string) {
  const fields = {
    url: input.url,
    title: input.title,
    lead: input.lead ?? null,
    body: input.body ?? null,
    imageUrl: input.imageUrl ?? null,
    section: input.section ?? null,
    tags: JSON.stringify(input.tags ?? []),
    language: input.language ?? defaultLocale,
    author: input.author ?? null,
    publishedAt: input.publishedAt ?? null,
    publishAt: input.publishAt ?? null,
    breaking: input.breaking ?? false,
  };
  return { fields, contentHash: hashContent(fields) };
}

export type ArticleRecord = ReturnType<typeof articleRecord>;

/** Dates of publication are not content: changing them alone edits no post. */
export function hashContent(fields: Record<string, unknown>): string {
  const stable = Object.keys(fields).sort().filter((k) => k !== "publishAt" && k !== "publishedAt").map((k) => [k, fields[k]]);
  return createHash("sha256").update(JSON.stringify(stable)).digest("hex").slice(0, 32);
}
