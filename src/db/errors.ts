/** Prisma reports a unique-constraint race as P2002, whichever provider is underneath. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/**
 * What the database said, in one short line, without Prisma's "Invalid `prisma.x.create()` invocation in
 * <file>…" preamble: for reasons stored where people read them (a feed's `lastError`, a skipped item).
 * The full error belongs in the log.
 */
export function describeStoreError(error: unknown): string {
  const e = error as {
    name?: string; code?: string; message?: string;
    meta?: { driverAdapterError?: { cause?: { originalMessage?: string; originalCode?: string } } };
    cause?: { originalMessage?: string; originalCode?: string };
  } | null;
  const said = e?.meta?.driverAdapterError?.cause?.originalMessage
    ?? e?.cause?.originalMessage
    ?? (e?.name === "DriverAdapterError" ? e.message : undefined);
  const detail = said?.split("\n")[0]?.trim().slice(0, 200);
  if (detail) return `the database refused it: ${detail}`;
  return e?.code ? `database error ${e.code}` : "database error";
}
