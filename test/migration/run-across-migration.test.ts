import crypto from "node:crypto";
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
 * The same holds for a run interrupted (its instance stopped) and resumed after the migration: its staged
 * Opsgenie pages must not be completed with JSM's.
 */
describe.each(testDatabases)("a sync run across a migration on $name", (database) => {
  let og: OpsgenieSimulator;
  let jsm: JsmSimulator;
  let roster: TestRoster;
  let databaseUrl: string;
  let account: string;
  let job: string;
  const masterKey = `k1:${crypto.randomBytes(32).toString("base64")}`;
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
    databaseUrl = await database.create();
    roster = await startInstance();
    const linked = await call("POST", "/integrated-account", {
      integration: "opsgenie",
      tenant_id: "t",
      context: { api_key: og.apiKeys.full, region: "us" },
    });
    account = linked.body.id;
    job = await createSyncJob(world(), account);
    expect((await runSync(world(), job)).status).toBe("completed");
  }, 60_000);
  /** A Roster on the shared database and master key; `jobs: false` runs no job worker. */
  const startInstance = (options: { jobs?: boolean } = {}) =>
    startTestRoster({
      databaseUrl,
      env: {
        OPSGENIE_US_BASE_URL: og.url,
        ...jsmEnv(jsm),
        ...fastJobs,
        ROSTER_MASTER_KEY: masterKey,
        ROSTER_JOBS: options.jobs === false ? "off" : "on",
      },
    });

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

  it("a run interrupted before the migration and resumed after it fails; the next run matches JSM's", async () => {
    // Start from an Opsgenie account again (the previous case migrated it): relink a fresh one.
    const relinked = await call("POST", "/integrated-account", {
      integration: "opsgenie",
      tenant_id: "t2",
      context: { api_key: og.apiKeys.full, region: "us" },
    });
    const interrupted = relinked.body.id as string;
    const interruptedJob = await createSyncJob(world(), interrupted);
    expect((await runSync(world(), interruptedJob)).status).toBe("completed");

    const hangsBefore = og.stats().faults.hang ?? 0;
    og.setFaultRules([{ kind: "hang", path: "/v2/teams", method: "GET", delayMs: 6_000, times: 1 }]);
    const queued = await roster.app.inject({
      method: "POST",
      url: `/sync-job/${interruptedJob}/run`,
      headers: roster.auth,
    });
    const runId = queued.json().id as string;
    while ((og.stats().faults.hang ?? 0) === hangsBefore) await new Promise((r) => setTimeout(r, 10));
    // The instance stops mid-run: the run stays running with its users staged, for another worker to resume.
    await roster.close();

    roster = await startInstance({ jobs: false });
    const stopped = (await call("GET", `/sync-job-run/${runId}`)).body;
    expect(stopped.status).toBe("running");
    expect(stopped.progress.done).toContain("users");
    const moved = await call("POST", `/integrated-account/${interrupted}/migrate`, {
      integration: "jsm",
      context: jsmAdminContext(jsm),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await roster.close();

    roster = await startInstance();
    const resumed = await waitForRun(world(), runId, 30_000);
    expect(resumed.status).toBe("failed");
    expect(resumed.attempt).toBe(2);
    expect(resumed.error).toMatch(
      /migrated to jsm while this run, which had read part of opsgenie, was interrupted/,
    );
    expect((await outbox(world(), interrupted)).filter((e) => e.type === "user.migrated")).toEqual([]);

    const next = await runSync(world(), interruptedJob);
    expect(next.status, next.error ?? "").toBe("completed");
    const migrated = (await outbox(world(), interrupted)).filter((e) => e.type === "user.migrated");
    expect(migrated).toHaveLength(og.directory.users.size);
  }, 90_000);
});
