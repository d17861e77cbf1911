/** Each API's paging exactly as the reference describes it (§4): Jira, JSM Ops, Teams and Admin. */
import { describe, expect, it } from "vitest";
import { admin, call, ops, teamsApi, useSimulator } from "./test-helpers.ts";

describe("Jira users/search: startAt/maxResults, bare arrays, short pages", () => {
  const sim = useSimulator({ seed: 5, users: 40, teams: 2, jiraUserPageCap: 7 });

  it("pages hold at most the cap whatever maxResults asks; advancing by what came back reaches every account once", async () => {
    const seen: string[] = [];
    for (let startAt = 0; ; ) {
      const res = await call(sim(), `/rest/api/3/users/search?startAt=${startAt}&maxResults=10`);
      expect(res.status).toBe(200);
      expect(Array.isArray(res.json)).toBe(true);
      expect(res.json.length).toBeLessThanOrEqual(7);
      if (res.json.length === 0) break;
      seen.push(...res.json.map((u: { accountId: string }) => u.accountId));
      startAt += res.json.length;
    }
    expect(seen).toEqual([...sim().directory.accounts.keys()]);
    // A client advancing by maxResults skips accounts.
    const skipping = await call(sim(), "/rest/api/3/users/search?startAt=10&maxResults=10");
    expect(skipping.json[0].accountId).not.toBe(seen[7]);
  });

  it("a negative startAt or a non-integer maxResults is a 400 in Jira's envelope", async () => {
    for (const q of ["startAt=-1", "maxResults=abc"]) {
      const res = await call(sim(), `/rest/api/3/users/search?${q}`);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ errorMessages: [expect.any(String)], errors: {} });
    }
  });
});

describe("JSM Ops roles: offset/size and a relative links.next", () => {
  const sim = useSimulator({ seed: 6, users: 5, teams: 1, customRoles: 45 });

  it("20 per page by default, next relative and absent on the last page", async () => {
    const first = await call(sim(), `${ops(sim())}/v1/roles`);
    expect(first.json.values).toHaveLength(20);
    expect(first.json.links.next).toBe("/v1/roles?offset=20&size=20");
    const names: string[] = [];
    let next: string | undefined = "/v1/roles?offset=0&size=20";
    while (next) {
      const res = await call(sim(), `${ops(sim())}${next}`);
      names.push(...res.json.values.map((r: { name: string }) => r.name));
      next = res.json.links.next;
    }
    expect(names).toEqual(sim().directory.roles.map((r) => r.name));
  });

  it("size is capped to 100; a bad size is 400; a role by id or name carries its rights", async () => {
    expect((await call(sim(), `${ops(sim())}/v1/roles?size=500`)).json.values).toHaveLength(45);
    const bad = await call(sim(), `${ops(sim())}/v1/roles?size=0`);
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ errors: [{ title: expect.any(String) }] });
    const role = sim().directory.roles[0];
    const byName = await call(sim(), `${ops(sim())}/v1/roles/${role?.name}?identifierType=name`);
    expect(byName.json).toEqual(role);
    expect((await call(sim(), `${ops(sim())}/v1/roles/${role?.id}`)).json.grantedRights).toEqual(
      role?.grantedRights,
    );
    expect((await call(sim(), `${ops(sim())}/v1/roles/nope`)).status).toBe(404);
  });
});

describe("Teams API: members by {first, after} → pageInfo, teams by cursor", () => {
  const sim = useSimulator({ seed: 7, users: 130, teams: 3 });

  it("walks 120 members 50 at a time; a cursor of another team is a 400", async () => {
    const ids = [...sim().directory.accounts.values()]
      .filter((a) => a.accountType === "atlassian")
      .slice(0, 120)
      .map((a) => a.accountId);
    const team = sim().addTeam({ name: "Big", memberIds: ids });
    const path = `${teamsApi(sim())}/teams/${team.teamId}/members`;
    const got: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const res = await call(sim(), path, { method: "POST", body: after ? { first: 500, after } : {} });
      expect(res.status).toBe(200);
      expect(res.json.results.length).toBeLessThanOrEqual(50);
      got.push(...res.json.results.map((m: { accountId: string }) => m.accountId));
      pages++;
      if (!res.json.pageInfo.hasNextPage) break;
      after = res.json.pageInfo.endCursor;
    }
    expect(got).toEqual(ids);
    expect(pages).toBe(3);
    const other = [...sim().directory.teams.values()][0];
    const foreign = await call(sim(), `${teamsApi(sim())}/teams/${other?.teamId}/members`, {
      method: "POST",
      body: { after },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.json).toEqual({ code: "BAD_REQUEST", message: "Invalid cursor" });
  });

  it("GET /teams: cursor until absent", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await call(sim(), `${teamsApi(sim())}/teams?size=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...res.json.entities.map((t: { teamId: string }) => t.teamId));
      cursor = res.json.cursor;
    } while (cursor);
    expect(seen).toEqual([...sim().directory.teams.keys()]);
  });
});

describe("Admin API: managed accounts, links.next a full URL", () => {
  const sim = useSimulator({ seed: 8, users: 60, teams: 1, adminPageSize: 10 });

  it("follows links.next to the end and lists exactly the managed people, e-mails included", async () => {
    let url: string | undefined = `/admin/v1/orgs/${sim().orgId}/users`;
    const emails: string[] = [];
    let total = 0;
    while (url) {
      const res = await admin(sim(), url);
      expect(res.status).toBe(200);
      expect(res.json.data.length).toBeLessThanOrEqual(10);
      emails.push(...res.json.data.map((u: { email: string }) => u.email));
      total = res.json.meta.total;
      url = res.json.links.next;
      if (url) expect(url.startsWith(`${sim().url}/admin/v1/orgs/`)).toBe(true);
    }
    const managed = [...sim().directory.accounts.values()].filter(
      (a) => a.managed && a.accountType === "atlassian",
    );
    expect(emails).toEqual(managed.map((a) => a.email));
    expect(total).toBe(managed.length);
    expect(managed.length).toBeGreaterThan(10);
    const forged = await admin(sim(), `/admin/v1/orgs/${sim().orgId}/users?cursor=abc`);
    expect(forged.status).toBe(400);
  });
});
