import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir, testDatabases } from "../../test/helpers/databases.ts";
import { eventually } from "../../test/helpers/eventually.ts";
import { type ListeningWorld, startListeningWorld } from "../../test/helpers/listening-world.ts";
import { createSyncJob, opsgenie, runSync } from "../../test/sync/sync-helpers.ts";
import { startMapper } from "./mapper.ts";
import type { Workspace } from "./workspaces.ts";

describe.each(testDatabases)("the team-to-workspace mapper against Roster on $name", (database) => {
  let live: ListeningWorld;
  let job: string;
  let dataFile: string;
  /** The product's workspaces as written to its file, by team id. */
  const stored = () =>
    new Map(
      (JSON.parse(fs.readFileSync(dataFile, "utf8")).workspaces as Workspace[]).map((w) => [w.team_id, w]),
    );
  const teams = () => [...live.world.us.directory.teams.values()];
  const sync = async () => {
    const run = await runSync(live.world, job);
    expect(run.status, run.error).toBe("completed");
  };

  beforeAll(async () => {
    live = await startListeningWorld({ databaseUrl: await database.create(), users: 30, teams: 4 });
    job = await createSyncJob(live.world, live.account);
    await sync();
    dataFile = path.join(tempDir("mapper-"), "workspaces.json");
  });
  afterAll(() => live?.close());

  it("creates a workspace per team from the stored directory on start, then follows group.* webhooks", async () => {
    const mapper = await startMapper({ rosterUrl: live.url, token: live.token, dataFile });
    try {
      expect(mapper.reconciled).toEqual([{ integrated_account_id: live.account, changed: 4 }]);
      const before = stored();
      for (const team of teams()) {
        expect(before.get(team.id)).toEqual({
          id: `${live.account}/${team.id}`,
          integrated_account_id: live.account,
          team_id: team.id,
          name: team.name,
          archived: false,
          members: [...team.members.keys()].sort(),
        });
      }

      const [renamed, deleted, grown, shrunk] = teams();
      if (!renamed || !deleted || !grown || !shrunk) throw new Error("the world has fewer than 4 teams");
      const users = [...live.world.us.directory.users.values()].filter((u) => !u.blocked);
      const joiner = users.find((u) => !grown.members.has(u.id));
      const leaver = [...shrunk.members.keys()][0];
      const founder = users[0];
      if (!joiner || !leaver || !founder) throw new Error("no users to move");
      const sim = live.world.us;
      const created = await opsgenie(sim, "POST", "/v2/teams", {
        name: "Payments",
        members: [{ user: { id: founder.id }, role: "admin" }],
      });
      await opsgenie(sim, "PATCH", `/v2/teams/${renamed.id}`, { name: "Incident Commanders" });
      await opsgenie(sim, "DELETE", `/v2/teams/${deleted.id}`);
      await opsgenie(sim, "POST", `/v2/teams/${grown.id}/members`, { user: { id: joiner.id }, role: "user" });
      await opsgenie(sim, "DELETE", `/v2/teams/${shrunk.id}/members/${leaver}`);
      await sync();

      await eventually(() => {
        const after = stored();
        expect(after.get(created.data.id)).toMatchObject({
          name: "Payments",
          archived: false,
          members: [founder.id],
        });
        expect(after.get(renamed.id)).toMatchObject({ name: "Incident Commanders", archived: false });
        expect(after.get(deleted.id)).toMatchObject({ name: deleted.name, archived: true });
        expect(after.get(grown.id)?.members).toContain(joiner.id);
        expect(after.get(shrunk.id)?.members).not.toContain(leaver);
        expect(after.get(shrunk.id)?.members).toEqual([...shrunk.members.keys()].sort());
      });
      expect(stored().size).toBe(5);
    } finally {
      await mapper.close();
    }
  });

  it("catches up on restart: a full reconcile applies what changed while it was stopped", async () => {
    const [team] = teams();
    const member = team && [...team.members.keys()][0];
    if (!team || !member) throw new Error("no team with members");
    await opsgenie(live.world.us, "DELETE", `/v2/teams/${team.id}/members/${member}`);
    await opsgenie(live.world.us, "PATCH", `/v2/teams/${team.id}`, { name: "Renamed While Down" });
    await sync();
    // Nothing is listening: the mapper deleted its endpoint when it stopped.
    expect(stored().get(team.id)?.members).toContain(member);

    const mapper = await startMapper({ rosterUrl: live.url, token: live.token, dataFile });
    try {
      expect(mapper.reconciled).toEqual([{ integrated_account_id: live.account, changed: 1 }]);
      const after = stored();
      expect(after.get(team.id)).toMatchObject({
        name: "Renamed While Down",
        members: [...team.members.keys()].sort(),
      });
      expect([...after.values()].filter((w) => w.archived)).toHaveLength(1);
    } finally {
      await mapper.close();
    }
  });
});
