// The one way text is shortened. Telegram counts its limits (4096 for a message, 1024 for a caption) in
// UTF-16 code units of the text after entity parsing, so `max` is in UTF-16 units of plain text; the cut
// falls between grapheme clusters (Intl.Segmenter), so no emoji, flag or family is split in half — half a
// surrogate pair makes Telegram refuse the message, half a ZWJ sequence shows as the wrong picture.

export const ELLIPSIS = "…";

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The longest prefix of `text`, in UTF-16 units, that ends on a grapheme boundary and is at most `budget`. */
function graphemePrefix(text: string, budget: number): number {
  if (budget >= text.length) return text.length;
  // The grapheme that holds the unit at `budget` starts where the prefix must end. Whether `budget` is a
  // boundary depends on what comes before it and on the unit at it, so a few units past the cut are
  // enough context: ICU then never sees a 500,000-character body, and `containing()` avoids walking
  // every segment (V8's segment iterator costs microseconds a step).
  return graphemes.segment(text.slice(0, budget + 32)).containing(budget)?.index ?? budget;
}

/**
 * Shortens plain text to at most `max` UTF-16 units, ending with `ellipsis` ("…" unless told otherwise),
 * at a word boundary when one is in the last third, never inside a grapheme.
 */
export function truncate(text: string, max: number, options: { ellipsis?: string } = {}): string {
  if (text.length <= max) return text;
  const ellipsis = options.ellipsis ?? ELLIPSIS;
  if (max < ellipsis.length) return "";
  const slice = text.slice(0, graphemePrefix(text, max - ellipsis.length));
  // A boundary in the last third is worth the lost characters; a 300-character word is not.
  const boundary = Math.max(slice.lastIndexOf(" "), slice.lastIndexOf("\n"));
  const kept = boundary >= slice.length * 0.66 ? slice.slice(0, boundary) : slice;
  return kept.replace(/[\s,;:.\-–—]+$/u, "") + ellipsis;
}
