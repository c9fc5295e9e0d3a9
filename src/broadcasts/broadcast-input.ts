// What an editor (bot) or the CMS (HTTP) may hand us for an announcement. One schema for both, so a bad
// field gets the same reason whichever way it came.
import { z } from "zod";
import { LOCALES } from "../config.ts";
import { fieldErrors, ValidationError } from "../articles/article-input.ts";
import { normalizeWhitespace } from "../text/clean.ts";
import { TEXT_LIMIT, type AnnouncementButton } from "./reader-messages.ts";

// Content text is cleaned where it enters, as everywhere (src/text/clean.ts): a lone surrogate becomes
// U+FFFD, control characters go, spacing is collapsed.
const text = (max: number) => z.string({ error: "must be a string" })
  .transform((value) => normalizeWhitespace(value))
  .refine((value) => value.length > 0, "is required")
  .refine((value) => value.length <= max, `must be at most ${max} characters`);

// Buttons open a web page: only http(s). javascript:, data:, tg: and friends are refused.
const buttonUrl = z.string({ error: "must be a string" }).trim().max(2048, "must be at most 2048 characters")
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) && new URL(value).hostname !== "", "must be an absolute http(s) URL")
  .transform((value) => new URL(value).href);

export const announcementSchema = z.object({
  text: text(TEXT_LIMIT),
  language: z.enum(LOCALES, { error: `must be one of ${LOCALES.join(", ")}` }).nullable().optional(),
  sections: z.array(text(100), { error: "must be an array of section names" }).max(50, "must have at most 50 sections").optional(),
  buttons: z.array(z.object({ text: text(64), url: buttonUrl }, { error: "must be {text, url}" }), { error: "must be an array of {text, url}" })
    .max(5, "must have at most 5 buttons").optional(),
}, { error: "must be a JSON object" });

export interface Announcement {
  text: string;
  language: string | null;
  sections: string[];
  buttons: AnnouncementButton[];
}

export function parseAnnouncement(input: unknown): Announcement {
  const result = announcementSchema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldErrors(result.error));
  const { text, language, sections, buttons } = result.data;
  return { text, language: language ?? null, sections: [...new Set(sections ?? [])], buttons: buttons ?? [] };
}

/** `/broadcast` in the bot: the text, and an optional last line `Button text | https://…` for one button. */
export function parseBroadcastCommand(raw: string): { text: string; buttons: AnnouncementButton[] } {
  const lines = raw.trim().split("\n");
  const last = lines.at(-1) ?? "";
  const button = /^(.{1,64}?)\s*\|\s*(\S+)\s*$/.exec(last);
  if (button && lines.length > 1) return { text: lines.slice(0, -1).join("\n"), buttons: [{ text: button[1]!.trim(), url: button[2]! }] };
  return { text: raw, buttons: [] };
}
