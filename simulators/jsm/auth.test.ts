/** Authentication and access per API: who gets 401 and who 403, each in its API's envelope. */
import { describe, expect, it } from "vitest";
import { SERVICE_ACCOUNT_REFUSED } from "./access.ts";
import { admin, basic, call, ops, teamsApi, useSimulator } from "./test-helpers.ts";

describe("authentication", () => {
  const sim = useSimulator({ seed: 3, users: 20, teams: 4 });
  const jira401 = { errorMessages: ["Client must be authenticated to access this resource."], errors: {} };

  it("tenant_info needs no credentials and gives the cloudId", async () => {
    const res = await call(sim(), "/_edge/tenant_info", { as: null });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ cloudId: sim().cloudId });
  });

  it("Jira: no credentials, Bearer, a wrong token or another caller's e-mail are 401 in Jira's envelope", async () => {
    const { admin: a, agent } = sim().credentials;
    for (const authorization of [
      undefined,
      `Bearer ${a.apiToken}`,
      basic(a.email, "wrong-token"),
      basic(agent.email, a.apiToken),
    ]) {
      const res = await call(sim(), "/rest/api/3/myself", authorization ? { authorization } : { as: null });
      expect(res.status).toBe(401);
      expect(res.json).toEqual(jira401);
    }
    const ok = await call(sim(), "/rest/api/3/myself");
    expect(ok.status).toBe(200);
    expect(ok.json.accountId).toBe(a.accountId);
  });

  it("a revoked token is 401 on Jira, JSM Ops and Teams, each in its envelope", async () => {
    const jira = await call(sim(), "/rest/api/3/users/search", { as: "revoked" });
    const opsRes = await call(sim(), `${ops(sim())}/v1/teams`, { as: "revoked" });
    const teams = await call(sim(), `${teamsApi(sim())}/teams`, { as: "revoked" });
    expect([jira.status, opsRes.status, teams.status]).toEqual([401, 401, 401]);
    expect(jira.json).toEqual(jira401);
    expect(opsRes.json).toEqual({ errors: [{ title: expect.any(String) }] });
    expect(teams.json).toEqual({ code: "UNAUTHORIZED", message: expect.any(String) });
  });

  it("the admin API takes only the org key as Bearer; Basic or a wrong key is 401", async () => {
    const path = `/admin/v1/orgs/${sim().orgId}/users`;
    expect((await admin(sim(), path)).status).toBe(200);
    const basicRes = await call(sim(), path);
    expect(basicRes.status).toBe(401);
    expect(basicRes.json.errors[0].title).toEqual(expect.any(String));
    const wrong = await fetch(`${sim().url}${path}`, { headers: { Authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    const onSite = await fetch(`${sim().url}/rest/api/3/myself`, {
      headers: { Authorization: `Bearer ${sim().adminApiKey}` },
    });
    expect(onSite.status).toBe(401);
  });
});

describe("access", () => {
  const sim = useSimulator({ seed: 4, users: 30, teams: 5 });

  it("a service account is refused by JSM Ops with a 403 saying so", async () => {
    const res = await call(sim(), `${ops(sim())}/v1/teams`, { as: "service" });
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ errors: [{ title: SERVICE_ACCOUNT_REFUSED }] });
    expect(res.json.errors[0].title).toMatch(/service account/i);
  });

  it("an account without a JSM licence gets 403 from JSM Ops and from the application role", async () => {
    const opsRes = await call(sim(), `${ops(sim())}/v1/teams`, { as: "noAccess" });
    expect(opsRes.status).toBe(403);
    expect(opsRes.json.errors[0].title).toMatch(/agent licence/);
    const role = await call(sim(), "/rest/api/3/applicationrole/jira-servicedesk", { as: "noAccess" });
    expect(role.status).toBe(403);
    expect(role.json).toEqual({ errorMessages: [expect.stringMatching(/Administer Jira/)], errors: {} });
  });

  it("an agent sees only its own ops teams, no custom roles and no seats; the admin sees every ops team", async () => {
    const agentId = sim().credentials.agent.accountId;
    const all = await call(sim(), `${ops(sim())}/v1/teams`);
    const own = await call(sim(), `${ops(sim())}/v1/teams`, { as: "agent" });
    const opsTeams = [...sim().directory.teams.values()].filter((t) => t.ops);
    expect(all.json.platformTeams.map((t: { teamId: string }) => t.teamId)).toEqual(
      opsTeams.map((t) => t.teamId),
    );
    expect(own.json.platformTeams.length).toBeGreaterThan(0);
    expect(own.json.platformTeams.length).toBeLessThan(all.json.platformTeams.length);
    for (const t of own.json.platformTeams)
      expect(sim().directory.teams.get(t.teamId)?.members).toContain(agentId);
    expect((await call(sim(), `${ops(sim())}/v1/roles`, { as: "agent" })).status).toBe(403);
    expect((await call(sim(), "/rest/api/3/applicationrole/jira-servicedesk", { as: "agent" })).status).toBe(
      403,
    );
  });

  it("the non-ops team is in the Teams API but not in JSM Ops", async () => {
    const nonOps = [...sim().directory.teams.values()].find((t) => !t.ops);
    expect(nonOps).toBeDefined();
    const opsIds = (await call(sim(), `${ops(sim())}/v1/teams`)).json.platformTeams.map(
      (t: { teamId: string }) => t.teamId,
    );
    expect(opsIds).not.toContain(nonOps?.teamId);
    const team = await call(sim(), `${teamsApi(sim())}/teams/${nonOps?.teamId}`);
    expect(team.status).toBe(200);
    expect(team.json.displayName).toBe(nonOps?.displayName);
  });

  it("an unknown cloudId or orgId is a 404 in the API's envelope", async () => {
    const badCloud = await call(sim(), "/jsm/ops/api/00000000-0000-4000-8000-000000000000/v1/teams");
    expect(badCloud.status).toBe(404);
    expect(badCloud.json).toEqual({ errors: [{ title: expect.stringContaining("could not be found") }] });
    const badOrg = await call(sim(), "/gateway/api/public/teams/v1/org/nope/teams");
    expect(badOrg.status).toBe(404);
    expect(badOrg.json).toEqual({ code: "NOT_FOUND", message: expect.any(String) });
  });

  it("GraphQL tenantContexts gives cloudId and orgId of the site; other queries are 200 with errors", async () => {
    const query =
      "query T($hostNames:[String!]!){ tenantContexts(hostNames:$hostNames){ cloudId orgId hostName } }";
    const res = await call(sim(), "/gateway/api/graphql", {
      method: "POST",
      body: { query, variables: { hostNames: [sim().site] } },
    });
    expect(res.json).toEqual({
      data: { tenantContexts: [{ cloudId: sim().cloudId, orgId: sim().orgId, hostName: sim().site }] },
    });
    const other = await call(sim(), "/gateway/api/graphql", {
      method: "POST",
      body: { query: "{ me { id } }" },
    });
    expect(other.status).toBe(200);
    expect(other.json.errors[0].message).toEqual(expect.any(String));
  });
});
