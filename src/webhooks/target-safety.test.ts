import type dns from "node:dns";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebhookSender } from "./sender.ts";
import { checkTarget, type ResolveHost, safeLookup } from "./target-safety.ts";

/** A resolver stub: names map to addresses, anything else does not exist. No query leaves the process. */
function stubResolver(names: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve: ResolveHost = async (hostname) => {
    asked.push(hostname);
    const addresses = names[hostname];
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { resolve, asked, names };
}

const dnsNames = {
  "hooks.example.com": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
  "internal.example.com": ["10.0.0.7"],
  "mixed.example.com": ["93.184.216.34", "127.0.0.1"],
  "sneaky.example.com": ["::ffff:169.254.169.254"],
};

describe("webhook targets at creation (checkTarget)", () => {
  it("accepts public IPv4 and IPv6 literals and names resolving to public addresses, by default", async () => {
    const { resolve, asked } = stubResolver(dnsNames);
    for (const target of [
      "https://93.184.216.34/hooks",
      "http://8.8.8.8:8080/hooks",
      "https://[2606:4700:4700::1111]/hooks",
      "https://hooks.example.com/hooks",
    ])
      await expect(checkTarget(target, false, resolve), target).resolves.toBeInstanceOf(URL);
    expect(asked).toEqual(["hooks.example.com"]);
  });

  it("refuses a name when any of its addresses is private, and names that do not resolve", async () => {
    const { resolve } = stubResolver(dnsNames);
    await expect(checkTarget("https://internal.example.com/", false, resolve)).rejects.toThrow(
      /resolves to 10\.0\.0\.7 is a loopback, private/,
    );
    await expect(checkTarget("https://mixed.example.com/", false, resolve)).rejects.toThrow(/127\.0\.0\.1/);
    await expect(checkTarget("https://sneaky.example.com/", true, resolve)).rejects.toThrow(/metadata/);
    await expect(checkTarget("https://nowhere.example.com/", false, resolve)).rejects.toThrow(
      /does not resolve \(ENOTFOUND\)/,
    );
    await expect(checkTarget("https://internal.example.com/", true, resolve)).resolves.toBeInstanceOf(URL);
  });

  it("judges decimal, octal and hex spellings of an IPv4 host as the address they mean", async () => {
    const { resolve, asked } = stubResolver({});
    for (const target of ["http://2130706433/", "http://0x7f.1/", "http://0177.0.0.1/", "http://127.1/"])
      await expect(checkTarget(target, false, resolve), target).rejects.toThrow(
        /127\.0\.0\.1 is a loopback, private/,
      );
    for (const target of ["http://2852039166/", "http://0xa9.0xfe.0xa9.0xfe/", "http://0251.0376.43518/"])
      await expect(checkTarget(target, true, resolve), target).rejects.toThrow(
        /169\.254\.169\.254 is a cloud metadata endpoint/,
      );
    await expect(checkTarget("http://134744072/", false, resolve)).resolves.toMatchObject({
      hostname: "8.8.8.8",
    });
    expect(asked).toEqual([]);
  });

  it("refuses metadata host names without resolving them", async () => {
    const { resolve, asked } = stubResolver({ "metadata.google.internal": ["93.184.216.34"] });
    for (const target of ["http://metadata.google.internal/", "http://METADATA.google.internal./x"])
      await expect(checkTarget(target, true, resolve), target).rejects.toThrow(/metadata endpoint/);
    expect(asked).toEqual([]);
  });

  it("refuses port 0, which no delivery can reach, and accepts any other port", async () => {
    const { resolve } = stubResolver({ "hooks.example.com": ["93.184.216.34"] });
    await expect(checkTarget("https://hooks.example.com:0/x", false, resolve)).rejects.toThrow(/port 0/);
    await expect(checkTarget("http://127.0.0.1:0/h", true, resolve)).rejects.toThrow(/port 0/);
    const ok = await checkTarget("https://hooks.example.com:8443/x", false, resolve);
    expect(ok.port).toBe("8443");
  });
});

/** Calls a lookup function the way net.connect does. */
function lookup(
  fn: ReturnType<typeof safeLookup>,
  hostname: string,
  options: dns.LookupOptions,
): Promise<{ error: NodeJS.ErrnoException | null; address: string | dns.LookupAddress[] }> {
  return new Promise((resolve) => fn(hostname, options, (error, address) => resolve({ error, address })));
}

describe("webhook targets at connect time (safeLookup)", () => {
  it("hands public addresses to the socket, by default", async () => {
    const { resolve } = stubResolver(dnsNames);
    const fn = safeLookup(false, resolve);
    expect(await lookup(fn, "hooks.example.com", {})).toMatchObject({
      error: null,
      address: "93.184.216.34",
    });
    expect(await lookup(fn, "hooks.example.com", { all: true })).toMatchObject({
      error: null,
      address: [
        { address: "93.184.216.34", family: 4 },
        { address: "2606:2800:220:1:248:1893:25c8:1946", family: 6 },
      ],
    });
  });

  it("drops refused addresses and fails when none is left (DNS rebinding)", async () => {
    const { resolve, names } = stubResolver({ ...dnsNames });
    const fn = safeLookup(false, resolve);
    expect(await lookup(fn, "mixed.example.com", { all: true })).toMatchObject({
      error: null,
      address: [{ address: "93.184.216.34", family: 4 }],
    });
    names["hooks.example.com"] = ["127.0.0.1"];
    const rebound = await lookup(fn, "hooks.example.com", {});
    expect(rebound.error?.code).toBe("EWEBHOOKTARGET");
    expect(rebound.error?.message).toMatch(/127\.0\.0\.1 is a loopback/);
    const metadata = await lookup(safeLookup(true, resolve), "sneaky.example.com", {});
    expect(metadata.error?.message).toMatch(/metadata endpoint/);
    const named = await lookup(safeLookup(true, resolve), "metadata.google.internal", {});
    expect(named.error?.code).toBe("EWEBHOOKTARGET");
  });

  describe("used by the sender", () => {
    let server: http.Server;
    let port = 0;
    const hits: string[] = [];
    beforeAll(async () => {
      server = http.createServer((req, res) => {
        hits.push(req.headers.host ?? "");
        res.writeHead(204).end();
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("connects only where the checked lookup says, so a name rebound to loopback is refused", async () => {
      const { resolve } = stubResolver({ "rebound.example.com": ["127.0.0.1"] });
      const strict = new WebhookSender({
        timeoutMs: 2_000,
        allowPrivateTargets: false,
        resolveHost: resolve,
      });
      const refused = await strict.send(`http://rebound.example.com:${port}/hooks`, {}, "{}");
      expect(refused).toMatchObject({ statusCode: null });
      expect(refused.error).toMatch(/refused webhook target: rebound\.example\.com resolves to 127\.0\.0\.1/);
      expect(hits).toEqual([]);
      await strict.close();

      // Control: the same name reaches the local receiver when private targets are allowed.
      const lenient = new WebhookSender({
        timeoutMs: 2_000,
        allowPrivateTargets: true,
        resolveHost: resolve,
      });
      expect(await lenient.send(`http://rebound.example.com:${port}/hooks`, {}, "{}")).toMatchObject({
        statusCode: 204,
      });
      expect(hits).toEqual([`rebound.example.com:${port}`]);
      await lenient.close();
    });

    it("refuses IPv6 literals that embed loopback before connecting", async () => {
      const sender = new WebhookSender({ timeoutMs: 2_000, allowPrivateTargets: false });
      for (const host of ["[::ffff:7f00:1]", "[::7f00:1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::1]"]) {
        const result = await sender.send(`http://${host}:${port}/hooks`, {}, "{}");
        expect(result.error, host).toMatch(/refused webhook target: .*127\.0\.0\.1/);
      }
      await sender.close();
    });
  });
});
