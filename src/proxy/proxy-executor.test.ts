import { afterEach, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../test/helpers/loopback-server.ts";
import { createProviderClient } from "../connections/provider-client.ts";
import type { Session } from "../connections/sessions.ts";
import { CursorCodec } from "../core/cursor.ts";
import type { ProviderDefinition } from "../core/provider/contract.ts";
import { HttpEngine } from "../http/http-engine.ts";
import { ProxyExecutor } from "./proxy-executor.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A server that records the paths it is asked and answers a one-item list. */
async function recording(seen: string[], name: string): Promise<TestServer> {
  const srv = await startServer((req, res) => {
    seen.push(`${name} ${req.url}`);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ values: [{ id: name }] }));
  });
  cleanups.push(() => srv.close());
  return srv;
}

/** A provider with a region URL and two named hosts, and a session of it (no database needed). */
async function sessionOf(seen: string[]): Promise<Session> {
  const [region, site, api] = await Promise.all([
    recording(seen, "region"),
    recording(seen, "site"),
    recording(seen, "api"),
  ]);
  const urls: Record<string, string> = { site: site.url, api: api.url };
  const provider: ProviderDefinition = {
    name: "example",
    label: "Example",
    category: "user-directory",
    regions: { default: { baseUrl: region.url } },
    hosts: { site: { url: site.url, override: "X_SITE" }, api: { url: api.url, override: "X_API" } },
    defaultHost: "api",
    proxyPathParams: async () => ({ tenant: "own-tenant" }),
    credentials: { fields: [], schema: undefined as never },
    auth: { kind: "basic", username: "email", password: "api_token" },
    rateLimits: { defaultDomain: "rest", defaults: { "*": [{ limit: 1000, periodSeconds: 1 }] } },
    pagination: { kind: "none", itemsPath: "values" },
    unified: {},
    proxy: {
      members: { path: "/t/{tenant}/members", operations: ["list"], host: "site" },
      teams: { path: "/t/{tenant}/teams", operations: ["list"] },
    },
    checkAccess: async () => ({ ok: true }),
  };
  const engine = new HttpEngine({});
  cleanups.push(() => engine.close());
  const client = createProviderClient(engine, {
    provider,
    accountId: "acc",
    region: "default",
    baseUrl: region.url,
    hostUrl: (host) => urls[host] ?? "",
    credentials: () => ({ email: "a", api_token: "b" }),
  });
  return { account: { id: "acc" } as Session["account"], provider, client };
}

describe("proxy executor with several hosts", () => {
  it("sends a resource to its declared host, else the default host, with the provider's own path parameters", async () => {
    const seen: string[] = [];
    const session = await sessionOf(seen);
    const proxy = new ProxyExecutor(new CursorCodec(Buffer.alloc(32, 1)));
    // The caller's `tenant` cannot replace the provider's.
    await proxy.handle(session, { method: "GET", resource: "members", query: { tenant: "other" } });
    await proxy.handle(session, { method: "GET", resource: "teams", query: {} });
    await proxy.custom(session, "GET", "/raw", { host: "site", q: "1" });
    await proxy.custom(session, "GET", "/raw", {});
    expect(seen).toEqual([
      "site /t/own-tenant/members",
      "api /t/own-tenant/teams",
      "site /raw?q=1",
      "api /raw",
    ]);
  });
});
