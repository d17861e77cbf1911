import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EnvironmentRepository } from "../../src/store/environments.ts";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";

describe.each(testDatabases)("link tokens and the connect API on $name", (database) => {
  let world: OpsgenieWorld;
  beforeAll(async () => {
    world = await startOpsgenieWorld({ databaseUrl: await database.create(), us: { users: 30, teams: 3 } });
  });
  afterAll(() => world.close());

  async function createToken(
    body: Record<string, unknown> = {},
    headers: Record<string, string> = world.roster.auth,
  ) {
    const res = await world.roster.app.inject({
      method: "POST",
      url: "/link-token",
      headers,
      payload: { tenant_id: "customer-1", ...body },
    });
    return { status: res.statusCode, body: res.json() };
  }
  const session = (token: string) => world.get(`/link-token/${token}/session`, {});
  const connect = async (token: string, context: Record<string, string>) => {
    const res = await world.roster.app.inject({
      method: "POST",
      url: `/link-token/${token}/connect`,
      payload: { integration: "opsgenie", context },
    });
    return { status: res.statusCode, body: res.json() };
  };

  it("creates a single-use link that validates like POST /integrated-account and stays usable after failures", async () => {
    const created = await createToken({ integration: "opsgenie", origin: "https://app.example.com" });
    expect(created.status).toBe(201);
    expect(created.body.link_url).toMatch(new RegExp(`/link/${created.body.link_token}$`));
    expect(Date.parse(created.body.expires_at) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    const token = created.body.link_token;

    const info = await session(token);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({
      integration: "opsgenie",
      reconnect: false,
      origin: "https://app.example.com",
    });
    expect(info.body.integrations[0].credentials.fields.map((f: { name: string }) => f.name)).toContain(
      "api_key",
    );

    const wrong = await connect(token, { api_key: "11111111-2222-4333-8444-555555555555", region: "us" });
    expect(wrong).toMatchObject({ status: 422, body: { code: "invalid_credentials" } });
    const otherRegion = await connect(token, { api_key: world.us.apiKeys.full, region: "eu" });
    expect(otherRegion.body.message).toMatch(/choose region US/);
    const noConfig = await connect(token, { api_key: world.us.apiKeys.noConfig, region: "us" });
    expect(noConfig.body.code).toBe("insufficient_access");

    const ok = await connect(token, { api_key: world.us.apiKeys.full, region: "us" });
    expect(ok.status).toBe(201);
    const account = await world.get(`/integrated-account/${ok.body.integrated_account_id}`);
    expect(account.body).toMatchObject({
      tenant_id: "customer-1",
      status: "active",
      integration: "opsgenie",
    });

    const again = await connect(token, { api_key: world.us.apiKeys.full, region: "us" });
    expect(again).toMatchObject({ status: 410, body: { code: "link_token_used" } });
    expect((await session(token)).body.code).toBe("link_token_used");
  });

  it("refuses expired and forged tokens", async () => {
    const expiring = await createToken({ expires_in_seconds: 1 });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await session(expiring.body.link_token)).body.code).toBe("link_token_expired");
    const expired = await connect(expiring.body.link_token, { api_key: world.us.apiKeys.full });
    expect(expired.status).toBe(410);
    for (const forged of ["lt_forged", "rst_notalinktoken", `${expiring.body.link_token}x`]) {
      const res = await session(forged);
      expect(res.status, forged).toBe(404);
      expect(res.body.code).toBe("invalid_link_token");
    }
  });

  it("reconnects an account that needs reauth, keeping its id", async () => {
    const id = await world.link(world.us.apiKeys.keyManagement);
    world.us.revokeKey(world.us.apiKeys.keyManagement);
    await world.get(`/unified/user-directory/users?integrated_account_id=${id}&limit=1`);
    expect((await world.get(`/integrated-account/${id}`)).body.status).toBe("needs_reauth");

    const created = await createToken({ integrated_account_id: id });
    expect((await session(created.body.link_token)).body).toMatchObject({
      reconnect: true,
      integration: "opsgenie",
    });
    const ok = await connect(created.body.link_token, { api_key: world.us.apiKeys.readOnly });
    expect(ok.body.integrated_account_id).toBe(id);
    expect((await world.get(`/integrated-account/${id}`)).body).toMatchObject({
      status: "active",
      region: "us",
    });
  });

  it("validates token requests and keeps accounts of other environments out of reach", async () => {
    expect((await createToken({ origin: "https://app.example.com/path" })).status).toBe(400);
    expect((await createToken({ redirect_uri: "javascript:alert(1)" })).status).toBe(400);
    expect((await createToken({ integration: "nope" })).body.code).toBe("unknown_integration");
    const id = await world.link(world.us.apiKeys.full);
    const staging = await new EnvironmentRepository(world.roster.context.store.db).ensure("staging-link");
    const other = { authorization: `Bearer ${(await world.roster.context.tokens.create(staging.id)).token}` };
    expect((await createToken({ integrated_account_id: id }, other)).status).toBe(404);
    expect((await createToken({}, {})).status).toBe(401);
  });

  it("serves the SDK with CORS and the page with a frame policy bound to the declared origin", async () => {
    const sdk = await world.roster.app.inject({ url: "/sdk/link.js" });
    expect(sdk.statusCode).toBe(200);
    expect(sdk.headers["access-control-allow-origin"]).toBe("*");
    expect(sdk.headers["content-type"]).toMatch(/javascript/);
    expect(sdk.body).toContain("export");
    const created = await createToken({ origin: "https://app.example.com" });
    const page = await world.roster.app.inject({ url: `/link/${created.body.link_token}` });
    // The page is built by `npm run build` (which `npm ci` runs through `prepare`).
    expect(page.statusCode, "run npm run build first").toBe(200);
    expect(page.headers["content-security-policy"]).toContain(
      "frame-ancestors 'self' https://app.example.com",
    );
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
  });
});
