// Where a feed's redirect may lead. FEEDS is the operator's choice, so a feed may live on the newsroom's
// own network; a redirect is the feed server's choice, so it must not lead the poller into a network the
// feed did not start in (a cloud metadata service at 169.254.169.254, an admin page on localhost). A
// redirect to a private or loopback address is allowed only to the very address the feed started on.
import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";

/** null when the redirect may be followed, else the reason it may not. */
export async function checkRedirect(start: string, next: URL): Promise<string | null> {
  if (next.protocol !== "http:" && next.protocol !== "https:") return `not an http(s) URL`;
  const targets = await addressesOf(next.hostname);
  const inside = targets.filter((address) => !isPublic(address));
  if (inside.length === 0) return null;
  const home = new Set(await addressesOf(new URL(start).hostname));
  const foreign = inside.find((address) => !home.has(address));
  return foreign ? `${foreign} is a private or loopback address the feed did not start on` : null;
}

/** The host's addresses, normalised (IPv4-mapped IPv6 as IPv4); none when it does not resolve. */
async function addressesOf(hostname: string): Promise<string[]> {
  const host = hostname.replace(/^\[(.*)\]$/, "$1");
  if (ipaddr.isValid(host)) return [normalise(host)];
  // A name that does not resolve is left to fetch, which says so in the reason ("DNS lookup failed").
  const found = await lookup(host, { all: true, verbatim: true }).catch(() => []);
  return found.map((entry) => normalise(entry.address));
}

function normalise(address: string): string {
  return ipaddr.process(address).toString();
}

/** Only ordinary unicast addresses are public; loopback, private, link-local, CGNAT, reserved… are not. */
function isPublic(address: string): boolean {
  return ipaddr.process(address).range() === "unicast";
}
