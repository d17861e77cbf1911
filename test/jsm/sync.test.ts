import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type JsmWorld, startJsmWorld } from "../helpers/jsm-world.ts";
import { createSyncJob, runSync } from "../sync/sync-helpers.ts";

const base = "/unified/user-directory";

describe.each(testDatabases)("Syncing a JSM account on $name", (database) => {
  let world: JsmWorld;
  let account: string;
  let run: any;
  let syncRequests: Record<string, number>;
  beforeAll(async () => {
    world = await startJsmWorld({
      databaseUrl: await database.create(),
      sim: { users: 50, teams: 5, seed: 4 },
    });
    const person = world.sim.directory.list().find((a) => a.accountType === "atlassian" && a.emailVisible);
    if (!person) throw new Error("no visible person");
    world.sim.updateUser(person.accountId, { name: "Zebulon Quist" });
    account = await world.link(true);
    const before = world.sim.stats().byEndpoint;
    run = await runSync(world, await createSyncJob(world, account));
    const after = world.sim.stats().byEndpoint;
    syncRequests = Object.fromEntries(Object.entries(after).map(([k, n]) => [k, n - (before[k] ?? 0)]));
  }, 60_000);
  afterAll(() => world.close());

  const people = () => world.sim.directory.list().filter((a) => a.accountType === "atlassian");
  const opsTeams = () => [...world.sim.directory.teams.values()].filter((t) => t.ops);

  it("stores every resource: the stats count what it stored", async () => {
    expect(run.status, run.error).toBe("completed");
    const memberships = opsTeams().reduce((n, t) => n + t.members.length, 0);
    const records = people().length + opsTeams().length + 5 + world.sim.directory.roles.length + 1 + 1;
    expect(run.stats).toMatchObject({ created: records + memberships, updated: 0, deleted: 0 });
    expect(run.stats.requests).toBeGreaterThan(0);
  });

  it("keeps the site's ids found at linking: a run never looks them up again", async () => {
    expect(syncRequests["GET /_edge/tenant_info"] ?? 0).toBe(0);
    expect(syncRequests["POST /gateway/api/graphql"] ?? 0).toBe(0);
    const stored = await world.roster.context.store.db
      .selectFrom("integrated_accounts")
      .select("settings")
      .where("id", "=", account)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.settings)).toEqual({ cloud_id: world.sim.cloudId, org_id: world.sim.orgId });
    expect(syncRequests["GET /rest/api/3/applicationrole/{key}"]).toBe(1);
  });

  it("serves the same records from the store as live", async () => {
    for (const [resource, extra] of [
      ["users", ""],
      ["groups", "&include=members"],
      ["roles", ""],
      ["licenses", ""],
      ["organizations", ""],
    ] as const) {
      const url = `${base}/${resource}?integrated_account_id=${account}&fetch_all=true${extra}`;
      const live = (await world.get(url)).body.result;
      const stored = (await world.get(`${url}&source=store`)).body.result;
      const byId = new Map(stored.map((r: { id: string }) => [r.id, r]));
      expect(stored, resource).toHaveLength(live.length);
      for (const record of live) expect(byId.get(record.id), `${resource} ${record.id}`).toEqual(record);
    }
  });

  it("finds synced JSM people in search, naming the integration", async () => {
    const res = await world.get("/search/users?q=zebulon&tenant_id=tenant-1");
    expect(res.status).toBe(200);
    expect(res.body.result).toEqual([
      expect.objectContaining({ name: "Zebulon Quist", integration: "jsm", integrated_account_id: account }),
    ]);
  });
});
