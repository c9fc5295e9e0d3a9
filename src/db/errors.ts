/** Prisma reports a unique-constraint race as P2002, whichever provider is underneath. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
