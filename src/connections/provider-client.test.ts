import { afterEach, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../test/helpers/loopback-server.ts";
import type { ProviderDefinition } from "../core/provider/contract.ts";
import { HttpEngine } from "../http/http-engine.ts";
import { hostUrlFor } from "./base-url.ts";
import { createProviderClient } from "./provider-client.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

interface Seen {
  url: string;
  headers: Record<string, string | string[] | undefined>;
  host: string;
}

/** Two loopback servers standing in for a provider's site and its shared API host. */
async function servers(): Promise<{ site: TestServer; api: TestServer; seen: Seen[] }> {
  const seen: Seen[] = [];
  const start = async (name: string) => {
    const srv = await startServer((req, res) => {
      seen.push({ url: req.url ?? "", headers: req.headers, host: name });
      const url = new URL(req.url ?? "/", "http://x");
      const start = Number(url.searchParams.get("startAt") ?? 0);
      const all = Array.from({ length: 5 }, (_, i) => ({ id: `m${i}` }));
      const values = all.slice(start, start + 2);
      // `?loop` stands for a provider whose next link keeps naming the second page.
      const next = url.searchParams.has("loop")
        ? "/members?loop=1&startAt=2"
        : start + 2 < all.length
          ? `/members?startAt=${start + 2}`
          : null;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ values, links: { next } }));
    });
    cleanups.push(() => srv.close());
    return srv;
  };
  return { site: await start("site"), api: await start("api"), seen };
}

function definition(siteBase: string, apiBase: string): ProviderDefinition {
  return {
    name: "example",
    label: "Example",
    category: "user-directory",
    regions: { default: { baseUrl: siteBase } },
    hosts: {
      api: { url: apiBase, override: "EXAMPLE_API_BASE_URL" },
      site: { url: (credentials) => `http://${credentials.site}`, override: "EXAMPLE_SITE_BASE_URL" },
    },
    credentials: { fields: [], schema: undefined as never },
    auth: { kind: "basic", username: "email", password: "api_token" },
    headers: { accept: "application/vnd.example+json;version=2" },
    rateLimits: { defaultDomain: "rest", defaults: { "*": [{ limit: 1000, periodSeconds: 1 }] } },
    pagination: { kind: "none", itemsPath: "" },
    unified: {},
    proxy: {},
    checkAccess: async () => ({ ok: true }),
  };
}

/** A provider client of `definition()` against the two loopback servers, with the given credentials. */
async function clientOf(credentials: Record<string, string>) {
  const { site, api, seen } = await servers();
  const engine = new HttpEngine({});
  cleanups.push(() => engine.close());
  const provider = definition(site.url, api.url);
  const client = createProviderClient(engine, {
    provider,
    accountId: "acc",
    region: "default",
    baseUrl: site.url,
    hostUrl: (host, given) => hostUrlFor(provider, host, given, {}),
    credentials: () => credentials,
  });
  return { client, seen };
}

describe("provider client", () => {
  it("sends Basic auth from two fields, the provider's and the request's headers, and array queries", async () => {
    const { client, seen } = await clientOf({ email: "ana@example.com", api_token: "tok" });
    await client.request({
      path: "/users",
      query: { "include[]": ["teams", "contact_methods"] },
      headers: { from: "ana@example.com" },
      domain: "rest",
      resource: "users",
    });
    const [first] = seen;
    expect(first?.headers.authorization).toBe(
      `Basic ${Buffer.from("ana@example.com:tok").toString("base64")}`,
    );
    expect(first?.headers.accept).toBe("application/vnd.example+json;version=2");
    expect(first?.headers.from).toBe("ana@example.com");
    expect(first?.url).toBe("/users?include%5B%5D=teams&include%5B%5D=contact_methods");
  });

  it("reaches a named host, and collects every page of a sub-resource without a loop in provider code", async () => {
    const { client, seen } = await clientOf({ email: "a", api_token: "b" });
    const items = await client.collect(
      {
        path: "/members",
        host: "api",
        domain: "rest",
        resource: "members",
        pagination: {
          kind: "offset-links",
          itemsPath: "values",
          nextPath: "links.next",
          offsetParam: "startAt",
        },
      },
      2,
    );
    expect(items).toEqual(["m0", "m1", "m2", "m3", "m4"].map((id) => ({ id })));
    expect(seen.map((s) => s.host)).toEqual(["api", "api", "api"]);
  });

  it("stops collecting a sub-resource whose paging never ends", async () => {
    const { client, seen } = await clientOf({ email: "a", api_token: "b" });
    const collecting = client.collect(
      {
        path: "/members",
        query: { loop: "1" },
        host: "api",
        domain: "rest",
        resource: "members",
        pagination: {
          kind: "offset-links",
          itemsPath: "values",
          nextPath: "links.next",
          offsetParam: "startAt",
        },
      },
      2,
    );
    await expect(collecting).rejects.toMatchObject({ code: "provider_paging_loop" });
    expect(seen).toHaveLength(2);
  });

  it("builds a host from the credentials unless the operator overrides it", () => {
    const provider = definition("http://127.0.0.1:1", "http://127.0.0.1:2");
    expect(hostUrlFor(provider, "site", { site: "acme.example.net" }, {})).toBe("http://acme.example.net");
    expect(
      hostUrlFor(
        provider,
        "site",
        { site: "acme.example.net" },
        { EXAMPLE_SITE_BASE_URL: "http://127.0.0.1:9/" },
      ),
    ).toBe("http://127.0.0.1:9");
    expect(() => hostUrlFor(provider, "constructor", {}, {})).toThrow(/no host constructor/);
  });
  it("reads on past empty pages that are not the last, and passes a truncation on", async () => {
    const seen: string[] = [];
    const srv = await startServer((req, res) => {
      seen.push(req.url ?? "");
      const url = new URL(req.url ?? "/", "http://x");
      const offset = Number(url.searchParams.get("offset"));
      const query = url.searchParams.get("query");
      // 150 users: more than the ceiling of 100, so the walk narrows; partition "a" is empty.
      const users = query === "b" ? Array.from({ length: 150 }, (_, i) => ({ name: `b${i}` })) : [];
      const page = users.slice(offset, offset + 100);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ users: page, more: offset + page.length < users.length, total: 150 }));
    });
    cleanups.push(() => srv.close());
    const engine = new HttpEngine({});
    cleanups.push(() => engine.close());
    const provider = definition(srv.url, srv.url);
    const client = createProviderClient(engine, {
      provider,
      accountId: "acc",
      region: "default",
      baseUrl: srv.url,
      hostUrl: () => srv.url,
      credentials: () => ({ email: "a", api_token: "b" }),
    });
    const spec = {
      path: "/users",
      domain: "rest",
      resource: "users",
      pagination: {
        kind: "offset-more",
        itemsPath: "users",
        maxOffsetPlusLimit: 100,
        narrowing: {
          param: "query",
          values: ["a", "b"],
          matches: (item: unknown, value: string) => (item as { name: string }).name.includes(value),
        },
      },
    } as const;
    const first = await client.page(spec, null, 100);
    // The first page (a count, then an empty partition "a") never reaches the caller empty.
    expect(first.items).toHaveLength(100);
    expect(seen).toEqual([
      "/users?limit=100&offset=0&total=true",
      "/users?limit=100&offset=0&query=a",
      "/users?limit=100&offset=0&query=b",
    ]);
    // Partition "b" itself passes the ceiling: its last reachable page says so.
    expect(first.next).toBeNull();
    expect(first.truncated?.message).toMatch(/^50 of 150 records could not be reached/);
    // A whole sub-resource never comes back short.
    await expect(client.collect(spec, 100)).rejects.toMatchObject({
      code: "list_truncated",
      message: expect.stringMatching(/^Example: 50 of 150 records/),
    });
  });
  it("keeps only the items a page spec accepts, reading on past pages it empties", async () => {
    const seen: string[] = [];
    const srv = await startServer((req, res) => {
      seen.push(req.url ?? "");
      const offset = Number(new URL(req.url ?? "/", "http://x").searchParams.get("offset"));
      const users = Array.from({ length: 5 }, (_, i) => ({ email: `u${i}@example.com` })).slice(
        offset,
        offset + 2,
      );
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ users, more: offset + 2 < 5 }));
    });
    cleanups.push(() => srv.close());
    const engine = new HttpEngine({});
    cleanups.push(() => engine.close());
    const client = createProviderClient(engine, {
      provider: definition(srv.url, srv.url),
      accountId: "acc",
      region: "default",
      baseUrl: srv.url,
      hostUrl: () => srv.url,
      credentials: () => ({ email: "a", api_token: "b" }),
    });
    const page = await client.page(
      {
        path: "/users",
        domain: "rest",
        resource: "users",
        pagination: { kind: "offset-more", itemsPath: "users" },
        keep: (item) => (item as { email: string }).email === "u4@example.com",
      },
      null,
      2,
    );
    expect(page.items).toEqual([{ email: "u4@example.com" }]);
    expect(page.next).toBeNull();
    expect(seen).toHaveLength(3);
  });

  it("signs one request with its own auth, and reads a non-secret setting but never a secret", async () => {
    const credentials = { email: "a@example.com", api_token: "tok", admin_key: "k1", site: "acme" };
    const { client, seen } = await clientOf(credentials);
    await client.request({
      path: "/admin",
      host: "api",
      auth: { kind: "header", header: "Authorization", template: "Bearer {admin_key}" },
      domain: "rest",
      resource: "admin",
    });
    await client.request({ path: "/users", domain: "rest", resource: "users" });
    expect(seen[0]?.headers.authorization).toBe("Bearer k1");
    expect(seen[1]?.headers.authorization).toMatch(/^Basic /);

    const engine = new HttpEngine({});
    cleanups.push(() => engine.close());
    const fields = [
      { name: "site", label: "Site", type: "text", required: true },
      { name: "api_token", label: "Token", type: "password", required: true },
    ] as const;
    const provider = definition("http://127.0.0.1:1", "http://127.0.0.1:2");
    const withFields = { ...provider, credentials: { ...provider.credentials, fields: [...fields] } };
    const settings = createProviderClient(engine, {
      provider: withFields,
      accountId: "acc",
      region: "default",
      baseUrl: "http://127.0.0.1:1",
      hostUrl: () => "http://127.0.0.1:1",
      credentials: () => credentials,
    });
    expect(settings.setting("site")).toBe("acme");
    expect(settings.setting("api_token")).toBeUndefined();
    expect(settings.setting("email")).toBeUndefined();
  });

  it("pages with the parameters in a JSON body, ends on the has-more flag, and reads cursors from links", async () => {
    const bodies: unknown[] = [];
    const srv = await startServer(async (req, res) => {
      let raw = "";
      for await (const chunk of req) raw += chunk;
      const body = raw ? (JSON.parse(raw) as { first?: number; after?: string; keep?: string }) : {};
      bodies.push(body);
      const url = new URL(req.url ?? "/", "http://x");
      res.writeHead(200, { "content-type": "application/json" });
      if (url.pathname === "/members") {
        const start = Number(body.after ?? 0);
        const results = [start, start + 1].filter((i) => i < 3).map((i) => ({ accountId: `u${i}` }));
        // The last page still carries a cursor: only hasNextPage may end the list.
        const hasNextPage = start + 2 < 3;
        res.end(JSON.stringify({ results, pageInfo: { endCursor: String(start + 2), hasNextPage } }));
        return;
      }
      const cursor = url.searchParams.get("cursor") ?? "0";
      const next = cursor === "0" ? "https://elsewhere.invalid/admin/users?cursor=c2" : undefined;
      res.end(JSON.stringify({ data: [{ id: cursor }], links: { next } }));
    });
    cleanups.push(() => srv.close());
    const engine = new HttpEngine({});
    cleanups.push(() => engine.close());
    const provider = definition(srv.url, srv.url);
    const client = createProviderClient(engine, {
      provider,
      accountId: "acc",
      region: "default",
      baseUrl: srv.url,
      hostUrl: () => srv.url,
      credentials: () => ({ email: "a", api_token: "b" }),
    });
    const members = await client.collect(
      {
        method: "POST",
        path: "/members",
        body: { keep: "me" },
        domain: "rest",
        resource: "members",
        pagination: {
          kind: "cursor",
          itemsPath: "results",
          nextCursorPath: "pageInfo.endCursor",
          hasMorePath: "pageInfo.hasNextPage",
          paramsIn: "body",
          limitParam: "first",
          cursorParam: "after",
        },
      },
      2,
    );
    expect(members).toEqual([{ accountId: "u0" }, { accountId: "u1" }, { accountId: "u2" }]);
    expect(bodies).toEqual([
      { keep: "me", first: 2 },
      { keep: "me", first: 2, after: "2" },
    ]);
    const users = await client.collect(
      {
        path: "/admin/users",
        domain: "rest",
        resource: "admin-users",
        pagination: { kind: "cursor", itemsPath: "data", nextCursorPath: "links.next", cursorInLink: true },
      },
      10,
    );
    expect(users).toEqual([{ id: "0" }, { id: "c2" }]);
  });
});

describe("provider client of an OAuth account", () => {
  /** A provider that accepts only `Bearer <accepted>`; the client's token source starts with `stale`. */
  async function bearerClient(accepted: string) {
    const seen: string[] = [];
    const srv = await startServer((req, res) => {
      seen.push(req.headers.authorization ?? "");
      const ok = req.headers.authorization === `Bearer ${accepted}`;
      res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
      res.end(JSON.stringify(ok ? { values: [] } : { message: "expired token" }));
    });
    cleanups.push(() => srv.close());
    const engine = new HttpEngine({});
    cleanups.push(() => engine.close());
    const provider = definition(srv.url, srv.url);
    let current = "stale";
    const renewed: string[] = [];
    let unauthorized = 0;
    const client = createProviderClient(engine, {
      provider,
      accountId: "acc",
      region: "default",
      baseUrl: srv.url,
      hostUrl: (host) => hostUrlFor(provider, host, {}, {}),
      authMethod: "oauth",
      credentials: () => ({}),
      accessToken: async () => current,
      renewAccessToken: async (rejected) => {
        renewed.push(rejected);
        current = "fresh";
      },
      onUnauthorized: async () => {
        unauthorized++;
      },
    });
    return { client, seen, renewed, unauthorized: () => unauthorized };
  }

  it("sends the access token as Bearer, renews it once after a 401 and sends the request again", async () => {
    const { client, seen, renewed, unauthorized } = await bearerClient("fresh");
    expect(client.authMethod).toBe("oauth");
    const res = await client.request({ path: "/users", domain: "rest", resource: "users" });
    expect(res.status).toBe(200);
    expect(seen).toEqual(["Bearer stale", "Bearer fresh"]);
    expect(renewed).toEqual(["stale"]);
    expect(unauthorized()).toBe(0);
  });

  it("a 401 after the renewal stands: the account is reported unauthorized", async () => {
    const { client, seen, renewed, unauthorized } = await bearerClient("never");
    await expect(client.request({ path: "/users", domain: "rest", resource: "users" })).rejects.toMatchObject(
      {
        status: 401,
      },
    );
    expect(seen).toEqual(["Bearer stale", "Bearer fresh"]);
    expect(renewed).toEqual(["stale"]);
    expect(unauthorized()).toBe(1);
  });
});
