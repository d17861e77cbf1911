import dns from "node:dns";
import net from "node:net";
import { addressRefusal, hostNameRefusal } from "./address-policy.ts";

/**
 * Where a webhook may point. Only http and https; the host must resolve to public addresses only, unless the
 * operator allows private ones (ROSTER_ALLOW_PRIVATE_WEBHOOKS=1, for tests, demos and internal receivers).
 * Cloud metadata endpoints are refused always (see address-policy.ts). The check runs when a webhook is
 * created and again at connect time (`safeLookup`), so a hostname that resolves to something else later
 * (DNS rebinding) is still caught.
 */
export class UnsafeTargetError extends Error {
  override name = "UnsafeTargetError";
}

/** Every address of a host name (like `dns.lookup` with `all: true`); injected by tests, never the network. */
export type ResolveHost = (hostname: string, family: 0 | 4 | 6) => Promise<dns.LookupAddress[]>;

/** The operating system's resolver. */
export const systemResolve: ResolveHost = (hostname, family) =>
  dns.promises.lookup(hostname, { all: true, family });

function bareHost(hostname: string): string {
  return hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
}

/**
 * Parses and checks a target URL, resolving its host; throws UnsafeTargetError with a readable reason.
 * WHATWG URL parsing has already turned other spellings of an IPv4 host (`2130706433`, `0x7f.1`, `0177.0.0.1`)
 * into the dotted quad they mean, so they are judged as that address.
 */
export async function checkTarget(
  target: string,
  allowPrivate: boolean,
  resolve: ResolveHost = systemResolve,
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new UnsafeTargetError("target_url is not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UnsafeTargetError("target_url must use http or https");
  if (url.username || url.password) throw new UnsafeTargetError("target_url must not contain credentials");
  // Port 0 names no port a connection can reach: every delivery would fail.
  if (url.port === "0") throw new UnsafeTargetError("target_url must not use port 0");
  const host = bareHost(url.hostname);
  const named = hostNameRefusal(host);
  if (named) throw new UnsafeTargetError(named);
  let addresses: dns.LookupAddress[];
  try {
    addresses = net.isIP(host) ? [{ address: host, family: net.isIP(host) }] : await resolve(host, 0);
  } catch (error) {
    throw new UnsafeTargetError(
      `${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
  if (addresses.length === 0) throw new UnsafeTargetError(`${host} does not resolve (no address)`);
  for (const { address } of addresses) {
    const why = addressRefusal(address, allowPrivate);
    if (why) throw new UnsafeTargetError(net.isIP(host) ? why : `${host} resolves to ${why}`);
  }
  return url;
}

/** Checks an IP-literal host at send time (no DNS lookup happens for it, so `safeLookup` never sees it). */
export function literalHostRefusal(hostname: string, allowPrivate: boolean): string | null {
  const host = bareHost(hostname);
  if (!net.isIP(host)) return hostNameRefusal(host);
  return addressRefusal(host, allowPrivate);
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
export function safeLookup(allowPrivate: boolean, resolve: ResolveHost = systemResolve) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    const host = bareHost(hostname);
    const named = hostNameRefusal(host);
    if (named) {
      callback(refusedError(named), "", 0);
      return;
    }
    const family = options.family === 4 || options.family === 6 ? options.family : 0;
    resolve(host, family).then(
      (addresses) => {
        const allowed = addresses.filter((a) => addressRefusal(a.address, allowPrivate) === null);
        if (allowed.length === 0) {
          const first = addresses[0]?.address;
          const why = first === undefined ? "no address" : addressRefusal(first, allowPrivate);
          return callback(refusedError(`${host} resolves to ${why}`), "", 0);
        }
        if (options.all) return callback(null, allowed);
        const [one] = allowed;
        return callback(null, one?.address ?? "", one?.family ?? 4);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}

function refusedError(message: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`refused webhook target: ${message}`);
  error.code = "EWEBHOOKTARGET";
  return error;
}
