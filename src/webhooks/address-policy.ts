import net from "node:net";
import { embeddedIPv4s } from "./embedded-ipv4.ts";

/**
 * Which addresses a webhook may connect to. Cloud credential and metadata endpoints are refused always (a
 * webhook must never become a way to read instance secrets); other non-public addresses unless the operator
 * allows private targets. An IPv6 address that embeds an IPv4 one is judged by both.
 *
 * One BlockList per family on purpose: a `net.BlockList` matches an IPv4 address against IPv6 rules through
 * its IPv4-mapped form, so a single list holding `::ffff:0:0/96` refuses every IPv4 address there is.
 */

/** Host names of metadata services; refused before any lookup. */
export const METADATA_HOSTS: ReadonlySet<string> = new Set([
  "metadata.google.internal", // GCP
  "metadata.goog",
  "metadata",
  "instance-data", // AWS
  "instance-data.ec2.internal",
]);

const METADATA_V4 = [
  "169.254.169.254", // AWS, Azure, GCP, Oracle, OpenStack IMDS
  "169.254.170.2", // AWS ECS task metadata and credentials
  "169.254.170.23", // AWS EKS Pod Identity agent
  "168.63.129.16", // Azure WireServer
  "100.100.100.200", // Alibaba Cloud
  "192.0.0.192", // Oracle Cloud
];
const METADATA_V6 = [
  "fd00:ec2::254", // AWS IMDS over IPv6
  "fd00:ec2::23", // AWS EKS Pod Identity agent over IPv6
  "fd20:ce::254", // GCP metadata over IPv6
];

const NON_PUBLIC_V4: [string, number][] = [
  ["0.0.0.0", 8], // unspecified, "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved and broadcast
];
const NON_PUBLIC_V6: [string, number][] = [
  ["::", 128], // unspecified
  ["::1", 128],
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["64:ff9b:1::", 48], // local-use NAT64: never routed publicly
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated, still routed inside some networks)
  ["ff00::", 8], // multicast
];

function blockList(family: "ipv4" | "ipv6", addresses: string[], subnets: [string, number][]) {
  const list = new net.BlockList();
  for (const address of addresses) list.addAddress(address, family);
  for (const [network, prefix] of subnets) list.addSubnet(network, prefix, family);
  return list;
}

const metadata = { ipv4: blockList("ipv4", METADATA_V4, []), ipv6: blockList("ipv6", METADATA_V6, []) };
const nonPublic = { ipv4: blockList("ipv4", [], NON_PUBLIC_V4), ipv6: blockList("ipv6", [], NON_PUBLIC_V6) };

type Judged = [address: string, family: "ipv4" | "ipv6"];

/** Why an IP address is refused as a webhook target, or null when a webhook may connect to it. */
export function addressRefusal(address: string, allowPrivate: boolean): string | null {
  const ip = address.replace(/%.*$/, "");
  const family = net.isIPv4(ip) ? "ipv4" : net.isIPv6(ip) ? "ipv6" : null;
  if (!family) return `${address} is not an IP address`;
  // The embedded IPv4 address first: it names the host actually reached.
  const embedded = family === "ipv6" ? embeddedIPv4s(ip).map((v4): Judged => [v4, "ipv4"]) : [];
  const judged: Judged[] = [...embedded, [ip, family]];
  const via = (one: string) => (one === ip ? "" : ` (it embeds ${one})`);
  for (const [one, f] of judged)
    if (metadata[f].check(one, f)) return `${address} is a cloud metadata endpoint${via(one)}`;
  if (allowPrivate) return null;
  for (const [one, f] of judged)
    if (nonPublic[f].check(one, f))
      return `${address} is a loopback, private, link-local or otherwise non-public address${via(one)}`;
  return null;
}

/** Why a host name is refused before it is even resolved, or null. */
export function hostNameRefusal(host: string): string | null {
  return METADATA_HOSTS.has(host) ? `${host} is a cloud metadata endpoint` : null;
}
