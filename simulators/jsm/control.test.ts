/** The control surface: accounts, teams and memberships changed outside the APIs, a deleted site, reset. */
import { describe, expect, it } from "vitest";
import { call, control, ops, teamsApi, useSimulator } from "./test-helpers.ts";

describe("control", () => {
  const sim = useSimulator({ seed: 13, users: 10, teams: 3 });

  it("adds, renames and removes an account over /__sim/users", async () => {
    const added = await control(sim(), "POST", "/__sim/users", { name: "Zoë Added", emailVisible: false });
    expect(added.status).toBe(201);
    const id = added.json.accountId;
    const one = await call(sim(), `/rest/api/3/user?accountId=${encodeURIComponent(id)}`);
    expect(one.json).toMatchObject({ displayName: "Zoë Added", emailAddress: null, active: true });
    await control(sim(), "PATCH", `/__sim/users/${encodeURIComponent(id)}`, { name: "Zoë Renamed" });
    expect((await call(sim(), `/rest/api/3/user?accountId=${encodeURIComponent(id)}`)).json.displayName).toBe(
      "Zoë Renamed",
    );
    expect((await control(sim(), "DELETE", `/__sim/users/${encodeURIComponent(id)}`)).status).toBe(200);
    expect((await call(sim(), `/rest/api/3/user?accountId=${encodeURIComponent(id)}`)).status).toBe(404);
    expect((await control(sim(), "DELETE", `/__sim/users/${encodeURIComponent(id)}`)).status).toBe(404);
  });

  it("adds a team, changes its members and name, disables Operations, removes it (410 from then on)", async () => {
    const [a, b] = [...sim().directory.accounts.keys()];
    const created = await control(sim(), "POST", "/__sim/teams", { name: "Night Shift", memberIds: [a] });
    const teamId = created.json.teamId;
    await control(sim(), "PUT", `/__sim/teams/${teamId}/members/${encodeURIComponent(b ?? "")}`);
    const members = await call(sim(), `${teamsApi(sim())}/teams/${teamId}/members`, {
      method: "POST",
      body: {},
    });
    expect(members.json.results).toEqual([{ accountId: a }, { accountId: b }]);
    await control(sim(), "DELETE", `/__sim/teams/${teamId}/members/${encodeURIComponent(a ?? "")}`);
    await control(sim(), "PATCH", `/__sim/teams/${teamId}`, { name: "Day Shift" });
    const opsTeams = async () => (await call(sim(), `${ops(sim())}/v1/teams`)).json.platformTeams;
    expect(await opsTeams()).toContainEqual({ teamId, teamName: "Day Shift" });
    await control(sim(), "PATCH", `/__sim/teams/${teamId}`, { ops: false });
    expect((await opsTeams()).map((t: { teamId: string }) => t.teamId)).not.toContain(teamId);
    await control(sim(), "DELETE", `/__sim/teams/${teamId}`);
    const gone = await call(sim(), `${teamsApi(sim())}/teams/${teamId}`);
    expect(gone.status).toBe(410);
    expect(gone.json).toEqual({ code: "GONE", message: expect.any(String) });
    expect((await call(sim(), `${teamsApi(sim())}/teams/00000000-0000-4000-8000-000000000000`)).status).toBe(
      404,
    );
  });

  it("a deleted site 404s tenant_info and every site path; api.atlassian.com paths still answer", async () => {
    await control(sim(), "PUT", "/__sim/site", { available: false });
    expect((await call(sim(), "/_edge/tenant_info", { as: null })).status).toBe(404);
    expect((await call(sim(), "/rest/api/3/myself")).status).toBe(404);
    expect((await call(sim(), `${ops(sim())}/v1/teams`)).status).toBe(200);
    await control(sim(), "PUT", "/__sim/site", { available: true });
    expect((await call(sim(), "/_edge/tenant_info", { as: null })).status).toBe(200);
  });

  it("revokes a token, counts requests, and reset brings the seed back with the same credentials", async () => {
    const before = sim().directory.accounts.size;
    const creds = (await control(sim(), "GET", "/__sim/keys")).json.credentials;
    expect(creds.admin.apiToken).toBe(sim().credentials.admin.apiToken);
    const res = await control(sim(), "POST", "/__sim/tokens/revoke", { token: creds.agent.apiToken });
    expect(res.status).toBe(200);
    expect((await call(sim(), "/rest/api/3/myself", { as: "agent" })).status).toBe(401);
    sim().addUser();
    expect((await control(sim(), "GET", "/__sim/stats")).json.total).toBeGreaterThan(0);
    expect((await control(sim(), "POST", "/__sim/reset")).status).toBe(200);
    expect(sim().directory.accounts.size).toBe(before);
    expect((await call(sim(), "/rest/api/3/myself", { as: "agent" })).status).toBe(200);
    expect((await control(sim(), "GET", "/__sim/keys")).json.credentials).toEqual(creds);
  });

  it("bad control input is a 400", async () => {
    expect((await control(sim(), "PUT", "/__sim/site", { available: "no" })).status).toBe(400);
    expect((await control(sim(), "POST", "/__sim/teams", { memberIds: ["nope"] })).status).toBe(400);
  });
});
