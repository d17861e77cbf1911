import dns from "node:dns";
import net from "node:net";

/**
 * Where a webhook may point. Only http and https; the host must resolve to public addresses only, unless the
 * operator allows private ones (ROSTER_ALLOW_PRIVATE_WEBHOOKS=1, for tests, demos and internal receivers).
 * Cloud metadata endpoints are refused always: a webhook must never become a way to read instance secrets.
 * The check runs when a webhook is created and again at connect time (`safeLookup`), so a hostname that
 * resolves to something else later (DNS rebinding) is still caught.
 */
export class UnsafeTargetError extends Error {
  override name = "UnsafeTargetError";
}

const ALWAYS_REFUSED_HOSTS = new Set(["metadata.google.internal", "metadata.goog", "metadata"]);

const metadata = new net.BlockList();
metadata.addAddress("169.254.169.254", "ipv4");
metadata.addAddress("100.100.100.200", "ipv4");
metadata.addAddress("fd00:ec2::254", "ipv6");

const privateRanges = new net.BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // unspecified / "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved and broadcast
] as const)
  privateRanges.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128],
  ["::ffff:0:0", 96], // IPv4-mapped: checked as IPv4 below; anything left here is refused
  ["64:ff9b::", 96], // NAT64 can reach private IPv4
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8], // multicast
] as const)
  privateRanges.addSubnet(network, prefix, "ipv6");

/** Why an address is refused, or null when a webhook may connect to it. */
function refusal(address: string, allowPrivate: boolean): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = net.isIPv4(ip) ? "ipv4" : net.isIPv6(ip) ? "ipv6" : null;
  if (!family) return `${address} is not an IP address`;
  if (metadata.check(ip, family)) return `${address} is a cloud metadata endpoint`;
  if (!allowPrivate && privateRanges.check(ip, family))
    return `${address} is a loopback, private, link-local or otherwise non-public address`;
  return null;
}

function bareHost(hostname: string): string {
  return hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
}

function hostRefusal(host: string): string | null {
  return ALWAYS_REFUSED_HOSTS.has(host) ? `${host} is a cloud metadata endpoint` : null;
}

/** Parses and checks a target URL, resolving its host; throws UnsafeTargetError with a readable reason. */
export async function checkTarget(target: string, allowPrivate: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new UnsafeTargetError("target_url is not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UnsafeTargetError("target_url must use http or https");
  if (url.username || url.password) throw new UnsafeTargetError("target_url must not contain credentials");
  const host = bareHost(url.hostname);
  const named = hostRefusal(host);
  if (named) throw new UnsafeTargetError(named);
  let addresses: dns.LookupAddress[];
  try {
    addresses = net.isIP(host)
      ? [{ address: host, family: net.isIP(host) }]
      : await dns.promises.lookup(host, { all: true });
  } catch (error) {
    throw new UnsafeTargetError(
      `${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
  for (const { address } of addresses) {
    const why = refusal(address, allowPrivate);
    if (why) throw new UnsafeTargetError(`${host} resolves to ${why}`);
  }
  return url;
}

/** Checks an IP-literal host at send time (no DNS lookup happens for it, so `safeLookup` never sees it). */
export function literalHostRefusal(hostname: string, allowPrivate: boolean): string | null {
  const host = bareHost(hostname);
  if (!net.isIP(host)) return hostRefusal(host);
  return refusal(host, allowPrivate);
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for sockets: resolves, drops refused addresses and fails when none is left. undici passes it
 * to net/tls.connect, so the address connected to is the one checked.
 */
export function safeLookup(allowPrivate: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    const host = bareHost(hostname);
    const named = hostRefusal(host);
    if (named) {
      callback(refusedError(named), "", 0);
      return;
    }
    dns.lookup(host, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const allowed = addresses.filter((a) => refusal(a.address, allowPrivate) === null);
      if (allowed.length === 0) {
        const first = addresses[0]?.address ?? host;
        return callback(
          refusedError(`${host} resolves to ${refusal(first, allowPrivate) ?? "nothing usable"}`),
          "",
          0,
        );
      }
      if (options.all) return callback(null, allowed);
      const [one] = allowed;
      return callback(null, one?.address ?? "", one?.family ?? 4);
    });
  };
}

function refusedError(message: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`refused webhook target: ${message}`);
  error.code = "EWEBHOOKTARGET";
  return error;
}
