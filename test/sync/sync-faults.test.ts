import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";
import { count, createSyncJob, fastJobs, opsgenie, outbox, runSync, waitForRun } from "./sync-helpers.ts";

async function tombstones(world: OpsgenieWorld, account: string): Promise<number> {
  const row = await world.roster.context.store.db
    .selectFrom("directory_records")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("account_id", "=", account)
    .where("deleted_at", "is not", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(testDatabases)("sync under provider faults on $name", (database) => {
  let world: OpsgenieWorld;
  let account: string;
  let job: string;
  beforeAll(async () => {
    world = await startOpsgenieWorld({
      databaseUrl: await database.create(),
      us: { users: 300, teams: 30 },
      // A logical provider call gives up after 1.5 s of retries, so a broken provider fails the run quickly.
      env: { ...fastJobs, ROSTER_PROVIDER_DEADLINE_MS: "1500" },
    });
    account = await world.link(world.us.apiKeys.full, "us", "tenant-faults");
    job = await createSyncJob(world, account);
    const baseline = await runSync(world, job);
    expect(baseline.status, baseline.error).toBe("completed");
  });
  afterAll(() => world.close());

  it("a run that fails mid-way commits nothing and emits nothing; the next healthy run reconciles", async () => {
    const victim = [...world.us.directory.users.values()].find((u) => u.role.id !== "Owner");
    if (!victim) throw new Error("no user");
    await opsgenie(world.us, "DELETE", `/v2/users/${victim.id}`);

    const queued = await world.roster.app.inject({
      method: "POST",
      url: `/sync-job/${job}/run`,
      headers: world.roster.auth,
    });
    const runId = queued.json().id;
    // Break the provider once the users are read, before the teams are.
    for (;;) {
      const run = (await world.get(`/sync-job-run/${runId}`)).body;
      if (run.progress.done.includes("users") || (run.status !== "queued" && run.status !== "running")) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    world.us.setFaults({ "5xx": 1 });
    const failed = await waitForRun(world, runId);
    world.us.setFaults({ "5xx": 0 });
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/remote_error|provider|5\d\d/i);
    expect(failed.progress.done).toContain("users");
    // A failed run still says what it cost the account's budget.
    expect(failed.stats.requests).toBeGreaterThan(0);
    expect(failed.stats.requests).toBe(failed.progress.requests);
    expect(await outbox(world, account)).toEqual([]);
    expect(await tombstones(world, account)).toBe(0);
    expect(await count(world, "sync_run_staging")).toBe(0);

    // Bursts of 5xx and connection resets: the engine retries them; the run completes with the one change.
    world.us.setFaults({ "5xx": 0.15, reset: 0.05 });
    const healed = await runSync(world, job, 60_000);
    world.us.setFaults({ "5xx": 0, reset: 0 });
    if (healed.status !== "completed") {
      expect(await outbox(world, account)).toEqual([]);
      expect((await runSync(world, job)).status).toBe("completed");
    }
    const events = await outbox(world, account);
    expect(events.filter((e) => e.type === "user.deleted").map((e) => e.data.record.id)).toEqual([victim.id]);
    expect(events.filter((e) => e.type.endsWith(".deleted"))).toHaveLength(1);
    expect(await tombstones(world, account)).toBe(1);
  });

  it("a revoked key (401) fails the run, marks the account needs_reauth and deletes nothing", async () => {
    const before = (await outbox(world, account)).length;
    world.us.revokeKey(world.us.apiKeys.full);
    const run = await runSync(world, job);
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/needs_reauth|401|credentials/i);
    const acc = await world.get(`/integrated-account/${account}`);
    expect(acc.body.status).toBe("needs_reauth");
    expect(await outbox(world, account)).toHaveLength(before);
    expect(await tombstones(world, account)).toBe(1);
    expect(await count(world, "directory_records", { account_id: account, resource: "users" })).toBe(300);
  });
});
