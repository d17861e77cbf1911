import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type JsmWorld, startJsmWorld } from "../helpers/jsm-world.ts";
import { createSyncJob, runSync } from "../sync/sync-helpers.ts";

/*
 * Group members are named with an index of every person's e-mail, built by walking every Jira user (and the org
 * admin API's users). Live reads of an account share that walk for a minute; a change of the account drops it,
 * and a sync run always walks for itself.
 */
const base = "/unified/user-directory";
const JIRA_USERS = "GET /rest/api/3/users/search";
const ADMIN_USERS = "GET /admin/v1/orgs/{orgId}/users";

describe.each(testDatabases)("JSM live reads sharing the account's directory on $name", (database) => {
  let world: JsmWorld;
  beforeAll(async () => {
    world = await startJsmWorld({
      databaseUrl: await database.create(),
      sim: { users: 60, teams: 6, seed: 7 },
    });
  });
  afterAll(() => world.close());

  /** Requests the simulator answered on `endpoint` while `during` ran. */
  async function requestsOf<T>(
    endpoints: string[],
    during: () => Promise<T>,
  ): Promise<{ result: T; counts: number[] }> {
    const before = world.sim.stats().byEndpoint;
    const result = await during();
    const after = world.sim.stats().byEndpoint;
    return { result, counts: endpoints.map((e) => (after[e] ?? 0) - (before[e] ?? 0)) };
  }

  const groupsWithMembers = (account: string, limit = 100) =>
    world.get(`${base}/groups?integrated_account_id=${account}&include=members&limit=${limit}`);

  const opsTeam = () => {
    const team = [...world.sim.directory.teams.values()].find((t) => t.ops && t.members.length > 0);
    if (!team) throw new Error("no ops team with members");
    return team;
  };

  /** The usernames of a team's members in a groups answer, by member id. */
  const usernames = (body: any, teamId: string): Map<string, string | null> =>
    new Map(body.result.find((g: any) => g.id === teamId)?.members.map((m: any) => [m.id, m.username]));

  it("reads the Jira and admin users once for consecutive requests, and again after a PATCH or a relink", async () => {
    const account = await world.link(true);
    const first = await requestsOf([JIRA_USERS, ADMIN_USERS], () => groupsWithMembers(account));
    expect(first.result.status, JSON.stringify(first.result.body)).toBe(200);
    expect(first.counts[0]).toBeGreaterThan(0);
    expect(first.counts[1]).toBeGreaterThan(0);

    // Another list and a group get (different requests, not collapsed into one) reuse the walk.
    const team = opsTeam();
    const again = await requestsOf([JIRA_USERS, ADMIN_USERS], async () => [
      await groupsWithMembers(account, 50),
      await world.get(`${base}/groups/${team.teamId}?integrated_account_id=${account}`),
    ]);
    expect(again.counts).toEqual([0, 0]);
    const [list, one] = again.result;
    expect(list?.body.result).toEqual(first.result.body.result);
    expect(one?.body.members).toEqual(
      first.result.body.result.find((g: any) => g.id === team.teamId).members,
    );

    const patched = await world.roster.app.inject({
      method: "PATCH",
      url: `/integrated-account/${account}`,
      headers: world.roster.auth,
      payload: { context: world.context("admin", true) },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const afterPatch = await requestsOf([JIRA_USERS, ADMIN_USERS], () => groupsWithMembers(account));
    expect(afterPatch.result.status).toBe(200);
    expect(afterPatch.counts).toEqual(first.counts);

    const deleted = await world.roster.app.inject({
      method: "DELETE",
      url: `/integrated-account/${account}`,
      headers: world.roster.auth,
    });
    expect(deleted.statusCode, deleted.body).toBe(200);
    const relinked = await world.link(true);
    const afterRelink = await requestsOf([JIRA_USERS, ADMIN_USERS], () => groupsWithMembers(relinked));
    expect(afterRelink.result.status).toBe(200);
    expect(afterRelink.counts).toEqual(first.counts);
  });

  it("shows a person added within the minute without e-mail live, while a sync run reads the users itself", async () => {
    const account = await world.link(false);
    const baseline = await requestsOf([JIRA_USERS], async () =>
      runSync(world, await createSyncJob(world, account)),
    );
    expect(baseline.result.status, baseline.result.error).toBe("completed");
    expect((await groupsWithMembers(account)).status).toBe(200);

    const team = opsTeam();
    const person = world.sim.addUser({ email: "newcomer@example.com", emailVisible: true });
    world.sim.addMember(team.teamId, person.accountId);
    // Live: the new member is listed (the Teams API is read), but the shared e-mail index predates them.
    const live = await groupsWithMembers(account);
    expect(usernames(live.body, team.teamId).get(person.accountId)).toBeNull();

    const sync = await requestsOf([JIRA_USERS], async () =>
      runSync(world, await createSyncJob(world, account)),
    );
    expect(sync.result.status, sync.result.error).toBe("completed");
    // As many Jira users reads as a run with nothing shared before it: the run walked the users itself.
    expect(sync.counts).toEqual(baseline.counts);
    const stored = await world.get(
      `${base}/groups?integrated_account_id=${account}&include=members&source=store&limit=100`,
    );
    expect(stored.status, JSON.stringify(stored.body)).toBe(200);
    expect(usernames(stored.body, team.teamId).get(person.accountId)).toBe("newcomer@example.com");
  }, 60_000);

  it("keeps serving the others when the request that started the shared read goes away", async () => {
    const account = await world.link(true);
    await world.roster.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = world.roster.app.server.address() as AddressInfo;
    const opsTeams = `GET /jsm/ops/api/{cloudId}/v1/teams`;
    const count = (endpoint: string) => world.sim.stats().byEndpoint[endpoint] ?? 0;
    const until = async (done: () => boolean) => {
      while (!done()) await new Promise((r) => setTimeout(r, 5));
    };
    // The first Jira users page is held, so the shared read is still running when its starter leaves.
    world.sim.setFaultRules([
      { kind: "hang", path: "/rest/api/3/users/search", method: "GET", delayMs: 800, times: 1 },
    ]);
    try {
      const { counts } = await requestsOf([JIRA_USERS], async () => {
        const hangs = world.sim.stats().faults.hang ?? 0;
        const teamsRead = count(opsTeams);
        const leaving = new AbortController();
        const starter = fetch(
          `http://127.0.0.1:${port}${base}/groups?integrated_account_id=${account}&include=members&limit=2`,
          { headers: world.roster.auth, signal: leaving.signal },
        ).catch((error: unknown) => error);
        await until(() => (world.sim.stats().faults.hang ?? 0) > hangs);
        // Another request (not the same URL, so not collapsed into the first) waits for the same read.
        const other = groupsWithMembers(account, 3);
        await until(() => count(opsTeams) >= teamsRead + 2);
        await new Promise((r) => setTimeout(r, 20));
        leaving.abort();
        expect(await starter).toBeInstanceOf(Error);

        const res = await other;
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const withEmail = res.body.result
          .flatMap((g: any) => g.members)
          .filter((m: any) => world.sim.directory.accounts.get(m.id)?.emailVisible);
        expect(withEmail.length).toBeGreaterThan(0);
        for (const m of withEmail) expect(m.username).toBe(world.sim.directory.accounts.get(m.id)?.email);
        // The read its starter left was kept: a third request reads nothing more.
        expect((await groupsWithMembers(account, 4)).status).toBe(200);
      });
      // One walk in all: what the same account costs once its shared values are dropped (a PATCH).
      const patched = await world.roster.app.inject({
        method: "PATCH",
        url: `/integrated-account/${account}`,
        headers: world.roster.auth,
        payload: { context: world.context("admin", true) },
      });
      expect(patched.statusCode, patched.body).toBe(200);
      const oneWalk = await requestsOf([JIRA_USERS], () => groupsWithMembers(account));
      expect(counts).toEqual(oneWalk.counts);
    } finally {
      world.sim.setFaultRules([]);
    }
  });
});
