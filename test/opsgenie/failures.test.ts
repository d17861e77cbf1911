import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EnvironmentRepository } from "../../src/store/environments.ts";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";

const users = "/unified/user-directory/users";

describe.each(testDatabases)("Opsgenie bad input, isolation and provider failures on $name", (database) => {
  let world: OpsgenieWorld;
  let account: string;
  beforeAll(async () => {
    world = await startOpsgenieWorld({ databaseUrl: await database.create(), us: { users: 120, teams: 5 } });
    account = await world.link(world.us.apiKeys.full);
  });
  afterAll(() => world.close());

  it("validates keys live: invalid, other region, no configuration access, team key; read-only is fine", async () => {
    const post = (api_key: string, region?: string) =>
      world.roster.app.inject({
        method: "POST",
        url: "/integrated-account",
        headers: world.roster.auth,
        payload: {
          integration: "opsgenie",
          tenant_id: "t",
          context: { api_key, ...(region ? { region } : {}) },
        },
      });
    const before = (await world.get("/integrated-account?limit=100")).body.result.length;

    const garbage = await post("not-a-key");
    expect(garbage.statusCode).toBe(422);
    expect(garbage.json()).toMatchObject({ code: "invalid_credentials", remote_error: true });
    const unknown = await post("0b7a3c1e-1111-4222-8333-444455556666");
    expect(unknown.json().code).toBe("invalid_credentials");
    expect(unknown.json().message).toMatch(/did not accept/);
    const usAsEu = await post(world.us.apiKeys.full, "eu");
    expect(usAsEu.statusCode).toBe(422);
    expect(usAsEu.json().message).toMatch(/choose region US/);
    const noConfig = await post(world.us.apiKeys.noConfig);
    expect(noConfig.json()).toMatchObject({ code: "insufficient_access" });
    expect(noConfig.json().message).toMatch(/Restrict access to configurations/);
    const team = await post(world.us.apiKeys.team);
    expect(team.json()).toMatchObject({ code: "insufficient_access" });
    expect(team.json().message).toMatch(/team API key/);
    expect((await world.get("/integrated-account?limit=100")).body.result.length).toBe(before);

    const readOnly = await post(world.us.apiKeys.readOnly);
    expect(readOnly.statusCode).toBe(201);
    const body = JSON.stringify(readOnly.json());
    expect(body).not.toContain(world.us.apiKeys.readOnly);
  });

  it("EU accounts talk only to the EU host", async () => {
    world.us.resetStats();
    world.eu.resetStats();
    const eu = await world.link(world.eu.apiKeys.full, "eu");
    const page = await world.get(`${users}?integrated_account_id=${eu}&limit=5`);
    expect(page.status).toBe(200);
    expect(page.body.result).toHaveLength(5);
    for (const user of page.body.result) expect(world.eu.directory.findUser(user.id)).toBeDefined();
    expect(world.us.stats().total).toBe(0);
    expect(world.eu.stats().total).toBeGreaterThan(0);
  });

  it("refuses tampered and foreign cursors, bad limits and unsupported filters with 400", async () => {
    const first = await world.get(`${users}?integrated_account_id=${account}&limit=10`);
    const cursor = first.body.next_cursor as string;
    const tampered = await world.get(
      `${users}?integrated_account_id=${account}&next_cursor=${cursor.slice(0, -3)}abc`,
    );
    expect(tampered.status).toBe(400);
    expect(tampered.body.code).toBe("invalid_cursor");
    const other = await world.link(world.us.apiKeys.full, "us", "tenant-2");
    const foreign = await world.get(
      `${users}?integrated_account_id=${other}&next_cursor=${encodeURIComponent(cursor)}`,
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.code).toBe("invalid_cursor");
    const groupsCursor = await world.get(
      `/unified/user-directory/groups?integrated_account_id=${account}&next_cursor=${encodeURIComponent(cursor)}`,
    );
    expect(groupsCursor.body.code).toBe("invalid_cursor");

    for (const limit of ["0", "1001", "ten"]) {
      const res = await world.get(`${users}?integrated_account_id=${account}&limit=${limit}`);
      expect(res.status, limit).toBe(400);
    }
    const filter = await world.get(`${users}?integrated_account_id=${account}&department=sre`);
    expect(filter.status).toBe(400);
    expect(filter.body.code).toBe("unsupported_filter");
    const include = await world.get(
      `/unified/user-directory/groups?integrated_account_id=${account}&include=owners`,
    );
    expect(include.body.code).toBe("unsupported_filter");
    // The stored source, the detail route and a resource that has no includes refuse alike.
    for (const url of [
      `/unified/user-directory/groups?integrated_account_id=${account}&include=owners&source=store`,
      `/unified/user-directory/groups/any-id?integrated_account_id=${account}&include=owners&source=store`,
      `${users}?integrated_account_id=${account}&include=members`,
      `${users}?integrated_account_id=${account}&include=members&source=store`,
    ]) {
      const refused = await world.get(url);
      expect(refused.status, url).toBe(400);
      expect(refused.body.code, url).toBe("unsupported_filter");
      expect(refused.body.message, url).toMatch(/^include=\w+ is not supported here\.$/);
    }
  });

  it("gives another environment's token 404 for the account, its unified data and its proxy", async () => {
    const staging = await new EnvironmentRepository(world.roster.context.store.db).ensure("staging-iso");
    const token = (await world.roster.context.tokens.create(staging.id)).token;
    const headers = { authorization: `Bearer ${token}` };
    for (const url of [
      `/integrated-account/${account}`,
      `${users}?integrated_account_id=${account}`,
      `${users}/x?integrated_account_id=${account}`,
      `/unified/user-directory/groups?integrated_account_id=${account}`,
      `/proxy/users?integrated_account_id=${account}`,
      `/custom/v2/account?integrated_account_id=${account}`,
    ]) {
      const res = await world.get(url, headers);
      expect(res.status, url).toBe(404);
      expect(res.body.code).toBe("not_found");
    }
    const unknown = await world.get(`${users}?integrated_account_id=acc_nope`);
    expect(unknown.status).toBe(404);
  });

  it("turns a revoked key into needs_reauth and a clear error", async () => {
    const victim = await world.link(world.us.apiKeys.keyManagement);
    world.us.revokeKey(world.us.apiKeys.keyManagement);
    const res = await world.get(`${users}?integrated_account_id=${victim}&limit=5`);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: "needs_reauth", remote_error: true });
    expect(JSON.stringify(res.body)).not.toContain(world.us.apiKeys.keyManagement);
    const state = await world.get(`/integrated-account/${victim}`);
    expect(state.body.status).toBe("needs_reauth");
    const again = await world.get(`${users}?integrated_account_id=${victim}&limit=5`);
    expect(again.body.code).toBe("needs_reauth");

    // Reconnecting with a working key flips it back to active.
    const patched = await world.roster.app.inject({
      method: "PATCH",
      url: `/integrated-account/${victim}`,
      headers: world.roster.auth,
      payload: { context: { api_key: world.us.apiKeys.readOnly } },
    });
    expect(patched.json()).toMatchObject({ status: "active", last_error: null, region: "us" });
    expect((await world.get(`${users}?integrated_account_id=${victim}&limit=5`)).status).toBe(200);
  });

  it("maps provider answers on the proxy: 404, 409 with the provider's body, and 5xx to 502 after retries", async () => {
    const q = `integrated_account_id=${account}`;
    const missing = await world.get(`/proxy/users/nobody@example.com?${q}`);
    expect(missing.status).toBe(404);
    expect(missing.body.raw_response.message).toBeDefined();
    const payload = { username: "dup.person@example.com", fullName: "Dup Person", role: { name: "user" } };
    const created = await world.roster.app.inject({
      method: "POST",
      url: `/proxy/users?${q}`,
      headers: world.roster.auth,
      payload,
    });
    expect(created.statusCode).toBe(201);
    const duplicate = await world.roster.app.inject({
      method: "POST",
      url: `/proxy/users?${q}`,
      headers: world.roster.auth,
      payload,
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({
      remote_error: true,
      raw_response: { message: expect.stringMatching(/exists/) },
    });

    world.us.setFaults({ "5xx": 1 });
    try {
      const down = await world.get(`/proxy/account?${q}`);
      expect(down.status).toBe(502);
      expect(down.body.remote_error).toBe(true);
    } finally {
      world.us.setFaults({ "5xx": 0 });
    }
  });
});
