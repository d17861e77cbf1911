import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type JsmWorld, startJsmWorld } from "../helpers/jsm-world.ts";

describe.each(testDatabases)("Linking JSM accounts on $name", (database) => {
  let world: JsmWorld;
  beforeAll(async () => {
    world = await startJsmWorld({ databaseUrl: await database.create() });
  });
  afterAll(() => world.close());

  it("links a person with agent, ops admin and Administer Jira rights, with or without an org admin key", async () => {
    for (const adminKey of [false, true]) {
      const res = await world.tryLink(world.context("admin", adminKey));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ integration: "jsm", status: "active" });
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(world.sim.credentials.admin.apiToken);
      expect(text).not.toContain(world.sim.adminApiKey);
    }
  });

  it("refuses each kind of account that cannot serve a directory, in words a person can act on", async () => {
    const cases = [
      ["revoked", 422, "invalid_credentials", /did not accept this e-mail and API token/],
      ["noAccess", 422, "insufficient_access", /may not use Jira Service Management Operations/],
      ["service", 422, "insufficient_access", /service account.*Use the e-mail and API token of a person/],
      ["agent", 422, "insufficient_access", /needs the Administer Jira global permission/],
    ] as const;
    for (const [caller, status, code, message] of cases) {
      const res = await world.tryLink(world.context(caller));
      expect(res.status, caller).toBe(status);
      expect(res.body, caller).toMatchObject({ code, remote_error: true });
      expect(res.body.message, caller).toMatch(message);
    }
  });

  it("refuses a wrong org admin API key", async () => {
    const res = await world.tryLink({ ...world.context("admin"), admin_api_key: "not-the-key" });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("invalid_credentials");
    expect(res.body.message).toMatch(/did not accept the organization admin API key/);
  });

  it("refuses a site that does not answer as an Atlassian site", async () => {
    world.sim.setSiteAvailable(false);
    try {
      const res = await world.tryLink(world.context("admin"));
      expect(res.status).toBe(422);
      expect(res.body.code).toBe("invalid_credentials");
      expect(res.body.message).toMatch(/is not an Atlassian Cloud site/);
    } finally {
      world.sim.setSiteAvailable(true);
    }
  });

  it("refuses a site that is not <name>.atlassian.net with a 400 before any request", async () => {
    const sites = [
      "evil.com",
      "127.0.0.1",
      "[::1]",
      "evil.com#.atlassian.net",
      "evil.com?.atlassian.net",
      "x.atlassian.net.evil.com",
      "x.atlassian.net/path",
      "x.atlassian.net:8443",
      "https://x.atlassian.net",
      "user@x.atlassian.net",
      "user:pw@x.atlassian.net",
      "X.atlassian.net",
      "x.Atlassian.net",
      "x.atlassian.net.",
      "a.b.atlassian.net",
      "-x.atlassian.net",
      ".atlassian.net",
      "x.atlassian.net ",
      "x\u0131.atlassian.net",
      "x%2eatlassian.net",
      `${"a".repeat(64)}.atlassian.net`,
    ];
    const before = world.sim.stats().total;
    for (const site of sites) {
      const res = await world.tryLink({ ...world.context("admin"), site });
      expect(res.status, site).toBe(400);
      expect(res.body, site).toMatchObject({ statusCode: 400, code: "validation_failed" });
      expect(JSON.stringify(res.body), site).toMatch(/site/);
    }
    expect(world.sim.stats().total).toBe(before);
  });

  it("flips an account to needs_reauth when Atlassian stops accepting its token", async () => {
    const ctx = world.context("admin");
    const linked = await world.tryLink(ctx);
    expect(linked.status).toBe(201);
    expect(linked.body).toMatchObject({ integration: "jsm", auth_method: "key", migrated_from: null });
    expect(linked.body).not.toHaveProperty("credentials");
    world.sim.revokeToken(ctx.api_token ?? "");
    const res = await world.get(`/unified/user-directory/users?integrated_account_id=${linked.body.id}`);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("needs_reauth");
    expect((await world.get(`/integrated-account/${linked.body.id}`)).body.status).toBe("needs_reauth");
  });
});
