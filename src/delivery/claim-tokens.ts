// Claim tokens name their instance: `<cluster id>:<n>`. A claim is an orphan exactly when its instance is
// no longer among the live members (its control connection is gone, so PostgreSQL has dropped it); then it
// is taken over at once, without waiting out a lease. A live instance's claims are never taken, however
// old: a send may wait out a long 429 inside auto-retry while the instance still holds it.
import type { Cluster } from "../cluster/cluster.ts";

/** What the claim machinery needs of the cluster. */
export type ClaimInstance = Pick<Cluster, "id" | "members" | "shared" | "tryLease">;

export function claimToken(instance: string, sequence: number): string {
  return `${instance}:${sequence}`;
}

/** The instance that made a claim (the part before the last colon; ids may hold colons, numbers not). */
export function claimOwner(token: string): string {
  const colon = token.lastIndexOf(":");
  return colon < 0 ? token : token.slice(0, colon);
}

/**
 * The tokens among `tokens` whose instance is gone. The claims must be read BEFORE the members: an
 * instance that made a claim was connected when it made it, so it shows up in a later look at the members
 * unless it has died since. (Read the other way round, an instance joining in between would look dead.)
 */
export async function deadClaims(tokens: readonly string[], instance: ClaimInstance): Promise<string[]> {
  const foreign = [...new Set(tokens)].filter((token) => claimOwner(token) !== instance.id);
  if (foreign.length === 0) return [];
  const live = new Set(await instance.members());
  return foreign.filter((token) => !live.has(claimOwner(token)));
}

/** An instance on its own (the embedded SQLite store, services tested alone): every other claim is dead. */
export function soloInstance(id: string): ClaimInstance {
  return { id, shared: false, members: async () => [id], tryLease: async (name) => ({ name, release: async () => undefined }) };
}
