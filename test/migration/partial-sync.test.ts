import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JsmSimulator, startJsmSimulator } from "../../simulators/jsm/index.ts";
import { type OpsgenieSimulator, startOpsgenieSimulator } from "../../simulators/opsgenie/index.ts";
import { testDatabases } from "../helpers/databases.ts";
import { jsmAdminContext, jsmEnv } from "../helpers/jsm-world.ts";
import { startTestRoster, type TestRoster } from "../helpers/roster.ts";
import { createSyncJob, fastJobs, outbox, runSync } from "../sync/sync-helpers.ts";

/*
 * A product that syncs users and teams in separate jobs: the users-only job matches users, and the migration
 * stays pending until a run has read users, groups and roles; matched people are not matched (or reported) again.
 */
describe.each(testDatabases)("a migrated account synced one resource at a time on $name", (database) => {
  let og: OpsgenieSimulator;
  let jsm: JsmSimulator;
  let roster: TestRoster;
  let account: string;
  let full: string;
  const world = () => ({ roster, get: (url: string) => call("GET", url) as never });
  const call = async (method: "GET" | "POST", url: string, payload?: object) => {
    const res = await roster.app.inject({ method, url, headers: roster.auth, payload });
    return { status: res.statusCode, body: res.json() as any };
  };
  const count = async (type: string) =>
    (await outbox(world(), account)).filter((e) => e.type === type).length;

  beforeAll(async () => {
    og = await startOpsgenieSimulator({ region: "us", users: 8, teams: 2, seed: 9 });
    const users = [...og.directory.users.values()];
    const emailOf = new Map(users.map((u) => [u.id, u.username]));
    jsm = await startJsmSimulator({
      seed: 9,
      from: {
        people: users.map((u) => ({ name: u.fullName, email: u.username })),
        teams: [...og.directory.teams.values()].map((t) => ({
          name: t.name,
          memberEmails: [...t.members.keys()].map((id) => emailOf.get(id) ?? ""),
        })),
      },
    });
    roster = await startTestRoster({
      databaseUrl: await database.create(),
      env: {
        OPSGENIE_US_BASE_URL: og.url,
        ...jsmEnv(jsm),
        ...fastJobs,
      },
    });
    const linked = await call("POST", "/integrated-account", {
      integration: "opsgenie",
      tenant_id: "t",
      context: { api_key: og.apiKeys.full, region: "us" },
    });
    account = linked.body.id;
    full = await createSyncJob(world(), account);
    expect((await runSync(world(), full)).status).toBe("completed");
    const moved = await call("POST", `/integrated-account/${account}/migrate`, {
      integration: "jsm",
      context: jsmAdminContext(jsm),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await roster?.close();
    await og?.close();
    await jsm?.close();
  });

  it("a users-only run matches users and leaves teams to the next run that reads them", async () => {
    const usersOnly = await createSyncJob(world(), account, { resources: ["users"] });
    expect((await runSync(world(), usersOnly)).status).toBe("completed");
    const matchedUsers = await count("user.migrated");
    expect(matchedUsers).toBeGreaterThan(0);
    expect(await count("group.migrated")).toBe(0);

    // A matched person renamed in the meantime is an ordinary update, not matched (to itself) again.
    const migrated = (await outbox(world(), account)).find((e) => e.type === "user.migrated");
    jsm.updateUser(migrated.data.record.id, { name: "Renamed Person" });
    expect((await runSync(world(), full)).status).toBe("completed");
    expect(await count("group.migrated")).toBe(og.directory.teams.size);
    const updated = (await outbox(world(), account)).filter((e) => e.type === "user.updated");
    expect(updated.map((e) => [e.data.record.id, e.data.record.name])).toEqual([
      [migrated.data.record.id, "Renamed Person"],
    ]);
    expect(await count("user.migrated")).toBe(matchedUsers);

    // The migration is over: a further run is ordinary and emits nothing.
    const before = (await outbox(world(), account)).length;
    expect((await runSync(world(), full)).status).toBe("completed");
    expect((await outbox(world(), account)).length).toBe(before);
  });
});
