import { truncate } from "./truncate.ts";

/** "Дороги и ЖКХ" → "#Дороги_и_ЖКХ": hashtags may only hold letters, digits and underscores. */
export function toHashtag(value: string): string | undefined {
  const tag = value.trim().replace(/[^\p{L}\p{N}_]+/gu, "_").replace(/^_+|_+$/g, "").replace(/_{2,}/g, "_");
  if (tag.length === 0 || /^\d+$/.test(tag)) return undefined;
  return "#" + truncate(tag, 60, { ellipsis: "" });
}
