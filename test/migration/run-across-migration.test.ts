import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JsmSimulator, startJsmSimulator } from "../../simulators/jsm/index.ts";
import { type OpsgenieSimulator, startOpsgenieSimulator } from "../../simulators/opsgenie/index.ts";
import { testDatabases } from "../helpers/databases.ts";
import { jsmAdminContext, jsmEnv } from "../helpers/jsm-world.ts";
import { startTestRoster, type TestRoster } from "../helpers/roster.ts";
import { createSyncJob, fastJobs, outbox, runSync, waitForRun } from "../sync/sync-helpers.ts";

/*
 * A run that reads the account under Opsgenie while the account is migrated to JSM must not commit: its records
 * would become the new snapshot and be matched as if JSM had served them. It fails, and the next run reads JSM.
 */
describe.each(testDatabases)("a sync run across a migration on $name", (database) => {
  let og: OpsgenieSimulator;
  let jsm: JsmSimulator;
  let roster: TestRoster;
  let account: string;
  let job: string;
  const world = () => ({ roster, get: (url: string) => call("GET", url) as never });
  const call = async (method: "GET" | "POST", url: string, payload?: object) => {
    const res = await roster.app.inject({ method, url, headers: roster.auth, payload });
    return { status: res.statusCode, body: res.json() as any };
  };

  beforeAll(async () => {
    og = await startOpsgenieSimulator({ region: "us", users: 6, teams: 2, seed: 11 });
    const users = [...og.directory.users.values()];
    jsm = await startJsmSimulator({
      seed: 11,
      from: { people: users.map((u) => ({ name: u.fullName, email: u.username })), teams: [] },
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
    job = await createSyncJob(world(), account);
    expect((await runSync(world(), job)).status).toBe("completed");
  }, 60_000);
  afterAll(async () => {
    await roster?.close();
    await og?.close();
    await jsm?.close();
  });

  it("fails the run instead of committing the old provider's records; the next run matches JSM's", async () => {
    // The run's read of the teams is held long enough for the migration to land meanwhile.
    og.setFaultRules([{ kind: "hang", path: "/v2/teams", method: "GET", delayMs: 6_000, times: 1 }]);
    const queued = await roster.app.inject({
      method: "POST",
      url: `/sync-job/${job}/run`,
      headers: roster.auth,
    });
    expect(queued.statusCode).toBe(202);
    while ((og.stats().faults.hang ?? 0) === 0) await new Promise((r) => setTimeout(r, 10));

    const moved = await call("POST", `/integrated-account/${account}/migrate`, {
      integration: "jsm",
      context: jsmAdminContext(jsm),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);

    const across = await waitForRun(world(), queued.json().id, 30_000);
    expect(across.status).toBe("failed");
    expect(across.error).toMatch(
      /migrated to jsm while this run read opsgenie: nothing of the run was committed/,
    );
    expect((await outbox(world(), account)).filter((e) => e.type === "user.migrated")).toEqual([]);

    const next = await runSync(world(), job);
    expect(next.status, next.error ?? "").toBe("completed");
    const migrated = (await outbox(world(), account)).filter((e) => e.type === "user.migrated");
    expect(migrated).toHaveLength(og.directory.users.size);
  }, 60_000);
});
