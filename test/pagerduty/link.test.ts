import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type PagerdutyWorld, startPagerdutyWorld } from "../helpers/pagerduty-world.ts";

describe.each(testDatabases)("Linking PagerDuty accounts on $name", (database) => {
  let world: PagerdutyWorld;
  beforeAll(async () => {
    world = await startPagerdutyWorld({ databaseUrl: await database.create(), us: { users: 40, teams: 4 } });
  });
  afterAll(() => world.close());

  const accounts = async () =>
    (await world.get("/integrated-account?integration=pagerduty")).body.result as { id: string }[];

  it("links full-access, read-only and admin user keys, each in its own region", async () => {
    const full = await world.tryLink({ api_key: world.us.apiKeys.full, region: "us" });
    expect(full.status, JSON.stringify(full.body)).toBe(201);
    expect(full.body).toMatchObject({ integration: "pagerduty", region: "us", status: "active" });
    expect(JSON.stringify(full.body)).not.toContain(world.us.apiKeys.full);
    expect((await world.tryLink({ api_key: world.us.apiKeys.readOnly })).status).toBe(201);
    expect((await world.tryLink({ api_key: world.us.apiKeys.user, region: "us" })).status).toBe(201);
    const eu = await world.tryLink({ api_key: world.eu.apiKeys.full, region: "eu" });
    expect(eu.status).toBe(201);
    expect(eu.body.region).toBe("eu");
  });

  it("refuses a key of the other region, saying which region to pick", async () => {
    const before = (await accounts()).length;
    const res = await world.tryLink({ api_key: world.eu.apiKeys.full, region: "us" });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: "invalid_credentials", remote_error: true });
    expect(res.body.message).toMatch(/EU \(api\.eu\.pagerduty\.com\) service region.*choose region EU/);
    expect((await accounts()).length).toBe(before);
  });

  it("refuses a revoked or unknown key as invalid credentials", async () => {
    for (const api_key of [world.us.apiKeys.revoked, "not-a-pagerduty-key"]) {
      const res = await world.tryLink({ api_key, region: "us" });
      expect(res.status, api_key).toBe(422);
      expect(res.body.code).toBe("invalid_credentials");
      expect(res.body.message).toMatch(/did not accept this API key/);
    }
  });

  it("refuses a user key whose role may not list users, naming the permission", async () => {
    const res = await world.tryLink({ api_key: world.us.apiKeys.restrictedUser, region: "us" });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: "insufficient_access", remote_error: true });
    expect(res.body.message).toMatch(/may not read users \(users\.read\)/);
    expect(res.body.raw_response).toMatchObject({ error: { code: 2010 } });
  });

  it("refuses a malformed context with a 400 in Roster's error shape", async () => {
    const res = await world.tryLink({ api_key: world.us.apiKeys.full, region: "apac" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: "validation_failed" });
  });
});
