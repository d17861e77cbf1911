import net from "node:net";

/**
 * IPv6 forms that carry an IPv4 address. A packet sent to one of them can reach that IPv4 host (through the
 * kernel's dual stack, a NAT64 gateway, a 6to4 or Teredo relay), so the IPv4 address is what must be judged:
 * `[::ffff:127.0.0.1]` is loopback, `[64:ff9b::a9fe:a9fe]` is the metadata service.
 */

/** The 16 bytes of an IPv6 address (zone id ignored), or null when it is not one. */
export function ipv6Bytes(address: string): number[] | null {
  let text = address.replace(/%.*$/, "");
  if (!net.isIPv6(text)) return null;
  // A trailing dotted quad (::ffff:1.2.3.4) is the last two groups.
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const front = head === "" ? [] : head.split(":");
  const back = tail === undefined || tail === "" ? [] : tail.split(":");
  const groups =
    tail === undefined ? front : [...front, ...Array(8 - front.length - back.length).fill("0"), ...back];
  if (groups.length !== 8) return null;
  return groups.flatMap((group) => {
    const n = Number.parseInt(group, 16);
    return [n >> 8, n & 0xff];
  });
}

const dotted = (bytes: number[]) => bytes.join(".");
const zeros = (bytes: number[], from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
const startsWith = (bytes: number[], prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/**
 * Every IPv4 address an IPv6 address embeds, as dotted quads (empty when it embeds none):
 * IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible `::a.b.c.d`, IPv4-translated `::ffff:0:a.b.c.d` (RFC 2765),
 * NAT64 `64:ff9b::/96` (RFC 6052) and the local-use `64:ff9b:1::/48` (RFC 8215, whose operator may embed at
 * /48 or /96, so both places are read), 6to4 `2002::/16` (RFC 3056) and Teredo `2001:0::/32` (RFC 4380: the
 * client's address is the last 32 bits inverted).
 */
export function embeddedIPv4s(address: string): string[] {
  const b = ipv6Bytes(address);
  if (!b) return [];
  const last = b.slice(12, 16);
  if (zeros(b, 0, 10) && b[10] === 0xff && b[11] === 0xff) return [dotted(last)];
  if (zeros(b, 0, 12)) return [dotted(last)];
  if (zeros(b, 0, 8) && b[8] === 0xff && b[9] === 0xff && zeros(b, 10, 12)) return [dotted(last)];
  if (startsWith(b, [0x00, 0x64, 0xff, 0x9b]) && zeros(b, 4, 12)) return [dotted(last)];
  if (startsWith(b, [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01]))
    return [dotted(last), dotted([b[6], b[7], b[9], b[10]] as number[])];
  if (startsWith(b, [0x20, 0x02])) return [dotted(b.slice(2, 6))];
  if (startsWith(b, [0x20, 0x01, 0x00, 0x00])) return [dotted(last.map((x) => x ^ 0xff))];
  return [];
}
