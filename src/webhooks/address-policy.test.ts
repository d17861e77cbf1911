import { describe, expect, it } from "vitest";
import { addressRefusal } from "./address-policy.ts";
import { embeddedIPv4s } from "./embedded-ipv4.ts";

const PUBLIC = [
  "8.8.8.8",
  "1.1.1.1",
  "93.184.216.34",
  "2606:4700:4700::1111",
  "2001:4860:4860::8888",
  "::ffff:8.8.8.8", // mapped, public inside
  "64:ff9b::808:808", // NAT64 of 8.8.8.8
  "2002:808:808::1", // 6to4 of 8.8.8.8
  "2001:0:4136:e378:8000:63bf:f7f7:f7f7", // Teredo, client 8.8.8.8
];

/** IPv6 spellings of a private IPv4 address: refused unless private targets are allowed. */
const EMBEDDED_PRIVATE: [string, string][] = [
  ["::ffff:127.0.0.1", "127.0.0.1"], // IPv4-mapped
  ["::ffff:7f00:1", "127.0.0.1"], // IPv4-mapped, hex
  ["::127.0.0.1", "127.0.0.1"], // IPv4-compatible
  ["::7f00:1", "127.0.0.1"], // IPv4-compatible, as WHATWG URL writes it
  ["::ffff:0:127.0.0.1", "127.0.0.1"], // IPv4-translated
  ["::ffff:0:a00:1", "10.0.0.1"],
  ["64:ff9b::10.0.0.1", "10.0.0.1"], // NAT64
  ["64:ff9b::c0a8:1", "192.168.0.1"],
  ["2002:7f00:1::1", "127.0.0.1"], // 6to4
  ["2002:ac10:1::", "172.16.0.1"],
  ["2001:0:4136:e378:8000:63bf:80ff:fffe", "127.0.0.1"], // Teredo: client bits inverted
  ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "192.0.2.45"], // RFC 4380's own example
];

/** IPv6 spellings of a metadata address: refused always. */
const EMBEDDED_METADATA: [string, string][] = [
  ["::ffff:169.254.169.254", "169.254.169.254"],
  ["::ffff:a9fe:a9fe", "169.254.169.254"],
  ["::169.254.169.254", "169.254.169.254"],
  ["::ffff:0:a9fe:a9fe", "169.254.169.254"],
  ["64:ff9b::a9fe:a9fe", "169.254.169.254"],
  ["64:ff9b:1::a9fe:a9fe", "169.254.169.254"], // local-use NAT64, embedded at /96
  ["64:ff9b:1:a9fe:a9:fe00::", "169.254.169.254"], // local-use NAT64, embedded at /48
  ["2002:a9fe:a9fe::1", "169.254.169.254"],
  ["2001:0:4136:e378:8000:63bf:5601:5601", "169.254.169.254"],
  ["::ffff:a9fe:aa02", "169.254.170.2"],
  ["::ffff:a83f:8110", "168.63.129.16"],
];

const METADATA = [
  "169.254.169.254", // AWS, Azure, GCP
  "169.254.170.2", // ECS task metadata
  "169.254.170.23", // EKS Pod Identity
  "168.63.129.16", // Azure WireServer
  "100.100.100.200", // Alibaba
  "192.0.0.192", // Oracle
  "fd00:ec2::254", // AWS IMDS IPv6
  "fd00:ec2::23",
  "fd20:ce::254", // GCP IPv6
];

const PRIVATE = [
  "127.0.0.1",
  "10.1.2.3",
  "172.20.0.1",
  "192.168.0.10",
  "169.254.10.10",
  "100.64.0.1",
  "0.0.0.0",
  "224.0.0.1",
  "255.255.255.255",
  "::1",
  "::",
  "fe80::1",
  "fc00::1",
  "fd12:3456::1",
  "ff02::1",
];

describe("webhook target addresses", () => {
  it("accepts public IPv4 and IPv6 addresses with the default settings", () => {
    for (const address of PUBLIC) expect(addressRefusal(address, false), address).toBeNull();
  });

  it("refuses loopback, private, link-local and multicast addresses unless private targets are allowed", () => {
    for (const address of PRIVATE) {
      expect(addressRefusal(address, false), address).toMatch(/non-public/);
      expect(addressRefusal(address, true), address).toBeNull();
    }
  });

  it("judges the IPv4 address inside every IPv6 embedding form as IPv4", () => {
    for (const [address, v4] of [...EMBEDDED_PRIVATE, ...EMBEDDED_METADATA]) {
      expect(embeddedIPv4s(address), address).toContain(v4);
      expect(addressRefusal(address, false), address).toContain(v4);
    }
    for (const [address] of EMBEDDED_PRIVATE) expect(addressRefusal(address, true), address).toBeNull();
  });

  it("refuses cloud credential and metadata endpoints, however spelled, even when private targets are allowed", () => {
    for (const address of [...METADATA, ...EMBEDDED_METADATA.map(([a]) => a)]) {
      expect(addressRefusal(address, true), address).toMatch(/cloud metadata endpoint/);
      expect(addressRefusal(address, false), address).toMatch(/cloud metadata endpoint/);
    }
  });

  it("finds no IPv4 address in plain IPv6 addresses, and refuses what is no address", () => {
    for (const address of ["2606:4700:4700::1111", "2001:4860:4860::8888", "fe80::1"])
      expect(embeddedIPv4s(address), address).toEqual([]);
    expect(addressRefusal("not-an-ip", true)).toMatch(/not an IP address/);
  });
});
