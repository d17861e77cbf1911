import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";

/** The "Hardening" examples: hostile names and values are clear 4xx answers in Roster's shape, never a 500. */
describe.each(testDatabases)("hostile input on $name", (database) => {
  let world: OpsgenieWorld;
  let account: string;
  beforeAll(async () => {
    world = await startOpsgenieWorld({ databaseUrl: await database.create(), us: { users: 20, teams: 2 } });
    account = await world.link(world.us.apiKeys.full);
  });
  afterAll(() => world.close());

  const send = (method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", url: string, payload?: unknown) =>
    world.roster.app.inject({
      method,
      url,
      headers: world.roster.auth,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  it("answers proxy resources named after Object.prototype members with 404, on every method", async () => {
    const q = `integrated_account_id=${account}`;
    for (const [method, path] of [
      ["GET", "/proxy/constructor"],
      ["GET", "/proxy/__proto__"],
      ["POST", "/proxy/hasOwnProperty"],
      ["GET", "/proxy/toString/1"],
      ["DELETE", "/proxy/valueOf/1"],
    ] as const) {
      const res = await send(method, `${path}?${q}`, method === "POST" ? {} : undefined);
      expect(res.statusCode, `${method} ${path}`).toBe(404);
      expect(res.json()).toMatchObject({ statusCode: 404, code: "not_found" });
      expect(res.json().message).toMatch(/no proxy resource/);
    }
    expect((await send("GET", `/proxy/users?${q}&limit=2`)).statusCode).toBe(200);
  });

  const unsendableKeys = [
    { name: "CR/LF (header injection)", key: "k-1\r\nx-injected: 1", says: /control characters/ },
    { name: "a trailing line break", key: "k-2\n", says: /control characters/ },
    { name: "NUL", key: "k-3\u0000", says: /control characters|NUL/ },
    { name: "a tab", key: "k\t4", says: /control characters/ },
    { name: "non-Latin-1 characters", key: "ключ-€-5", says: /Latin-1/ },
  ];

  it.each(unsendableKeys)(
    "refuses an API key with $name before calling the provider, naming the field",
    async ({ key, says }) => {
      const token = (
        await send("POST", "/link-token", { tenant_id: "customer-1", integration: "opsgenie" })
      ).json().link_token as string;
      const accounts = (await world.get("/integrated-account?limit=100")).body.result.length;
      world.us.resetStats();
      const attempts = [
        await send("POST", "/integrated-account", {
          integration: "opsgenie",
          tenant_id: "t",
          context: { api_key: key, region: "us" },
        }),
        await send("PATCH", `/integrated-account/${account}`, { context: { api_key: key } }),
        await world.roster.app.inject({
          method: "POST",
          url: `/link-token/${token}/connect`,
          payload: { integration: "opsgenie", context: { api_key: key, region: "us" } },
        }),
      ];
      for (const res of attempts) {
        expect(res.statusCode, res.body).toBe(400);
        const body = res.json();
        expect(body).toMatchObject({ statusCode: 400, code: "validation_failed" });
        expect(body.message).toMatch(/context\.api_key/);
        expect(body.message).toMatch(says);
        expect(body.details.issues[0].path).toMatch(/context\.api_key$/);
        expect(res.body).not.toContain(key);
      }
      expect(world.us.stats().total).toBe(0);
      expect((await world.get("/integrated-account?limit=100")).body.result.length).toBe(accounts);
      // The account keeps its working key, and the link stays usable for a corrected key.
      expect((await world.get(`/integrated-account/${account}`)).body.status).toBe("active");
      expect((await world.get(`/link-token/${token}/session`, {})).status).toBe(200);
    },
  );

  it("refuses NUL in any id, filter or body string with 400 naming the field, on every database alike", async () => {
    const users = `/unified/user-directory/users?integrated_account_id=${account}`;
    const cases: [string, Parameters<typeof send>, string][] = [
      ["id", ["GET", "/integrated-account/%00"], "params.id"],
      ["id inside", ["DELETE", "/webhook/wh_%00x"], "params.id"],
      ["custom path", ["GET", `/custom/v2/%00?integrated_account_id=${account}`], "params.path"],
      ["list filter", ["GET", "/integrated-account?tenant_id=a%00b"], "querystring.tenant_id"],
      ["search", ["GET", "/search/users?q=a%00b"], "querystring.q"],
      ["stored filter", ["GET", `${users}&source=store&email=a%00b@example.com`], "querystring.email"],
      ["account id", ["GET", "/sync-job-run?integrated_account_id=%00"], "querystring.integrated_account_id"],
      ["body string", ["POST", "/link-token", { tenant_id: "a\u0000b" }], "body.tenant_id"],
      [
        "nested body string",
        ["POST", "/sync-job", { integrated_account_id: account, resources: ["users\u0000"] }],
        "body.resources.0",
      ],
      [
        "body key",
        ["PATCH", `/integrated-account/${account}`, { context: { "api\u0000key": "x" } }],
        "body.context",
      ],
    ];
    for (const [name, request, path] of cases) {
      const res = await send(...request);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(400);
      expect(res.json()).toMatchObject({ statusCode: 400, code: "validation_failed" });
      expect(res.json().details.issues[0].path, name).toBe(path);
      expect(res.json().message).toMatch(/NUL/);
    }
    expect((await send("GET", "/link-token/lt_%00/session")).statusCode).toBe(400);
    expect((await world.get("/integrated-account?tenant_id=t")).status).toBe(200);
  });

  it("refuses an encoded absolute URL on /custom with 400 invalid_path, without calling the provider", async () => {
    const q = `integrated_account_id=${account}`;
    world.us.resetStats();
    for (const path of ["http%3A%2F%2F169.254.169.254%2Flatest", "https%3a%2f%2fexample.com%2fx"]) {
      const res = await send("GET", `/custom/${path}?${q}`);
      expect(res.statusCode, path).toBe(400);
      expect(res.json()).toMatchObject({
        code: "invalid_path",
        message: expect.stringMatching(/absolute URL/),
      });
    }
    expect(world.us.stats().total).toBe(0);
    expect((await send("GET", `/custom/v2/account?${q}`)).statusCode).toBe(200);
  });

  it("refuses a body nested deeper than 100 levels with 400 on body, without calling the provider", async () => {
    const nested = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
    const post = (url: string, body: string) =>
      world.roster.app.inject({
        method: "POST",
        url,
        headers: { ...world.roster.auth, "content-type": "application/json" },
        payload: body,
      });
    world.us.resetStats();
    for (const url of [
      `/proxy/users?integrated_account_id=${account}`,
      `/custom/v2/users?integrated_account_id=${account}`,
    ]) {
      const res = await post(url, `{"username":"deep@example.com","details":${nested(5_000)}}`);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: "validation_failed", details: { max_depth: 100 } });
      expect(res.json().details.issues[0].path).toBe("body");
    }
    expect(world.us.stats().total).toBe(0);
    // At the limit, the body reaches the provider (which judges it).
    const shallow = await post(`/custom/v2/users?integrated_account_id=${account}`, `{"a":${nested(99)}}`);
    expect(shallow.json().code).not.toBe("validation_failed");
    expect(world.us.stats().total).toBe(1);
  });
});
