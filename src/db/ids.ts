// Our own ids (Int columns) as they travel in buttons, URLs and commands. A text that is not one — too
// many digits, 0, beyond the column — is no id at all: asking the store for it would be an error, not
// a miss.

export const MAX_ID = 2_147_483_647;

/** The internal id a text spells (digits only), or null. */
export function internalId(text: string): number | null {
  if (!/^\d{1,10}$/.test(text)) return null;
  const id = Number(text);
  return id >= 1 && id <= MAX_ID ? id : null;
}

/**
 * Our id as the bot shows it to editors, "#12" or "№12" (the Russian and Kazakh texts write №): the id,
 * null when it is written so but is no id, undefined when the text is not written so (an external id).
 */
export function shownId(text: string): number | null | undefined {
  return /^[#№]\d+$/.test(text) ? internalId(text.slice(1)) : undefined;
}
