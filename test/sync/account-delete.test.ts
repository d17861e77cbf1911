import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";
import { createSyncJob, fastJobs, runSync } from "./sync-helpers.ts";

/** Deleting an account erases everything Roster stored about its directory; other accounts keep theirs. */
describe.each(testDatabases)("deleting a synced account on $name", (database) => {
  let world: OpsgenieWorld;
  let doomed: string;
  let kept: string;
  beforeAll(async () => {
    world = await startOpsgenieWorld({
      databaseUrl: await database.create(),
      us: { users: 40, teams: 4 },
      env: fastJobs,
    });
    doomed = await world.link(world.us.apiKeys.full, "us", "tenant-a");
    kept = await world.link(world.eu.apiKeys.full, "eu", "tenant-b");
    for (const account of [doomed, kept]) {
      const run = await runSync(world, await createSyncJob(world, account));
      expect(run.status, run.error).toBe("completed");
    }
  });
  afterAll(() => world.close());

  async function storedRows(account: string) {
    const db = world.roster.context.store.db;
    const counts: Record<string, number> = {};
    for (const table of ["directory_records", "directory_memberships", "user_search", "sync_jobs"] as const) {
      const column = table === "sync_jobs" ? "integrated_account_id" : "account_id";
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where(column as never, "=", account as never)
        .executeTakeFirstOrThrow();
      counts[table] = Number(row.n);
    }
    return counts;
  }

  it("removes its stored directory, search entries and sync jobs, and nothing of other accounts", async () => {
    const before = await storedRows(doomed);
    for (const n of Object.values(before)) expect(n).toBeGreaterThan(0);
    const keptBefore = await storedRows(kept);
    const someone = [...world.us.directory.users.values()][1];
    if (!someone) throw new Error("no user");
    const found = await world.get(`/search/users?q=${encodeURIComponent(someone.username)}`);
    expect(found.body.result.map((r: any) => r.integrated_account_id)).toContain(doomed);

    const res = await world.roster.app.inject({
      method: "DELETE",
      url: `/integrated-account/${doomed}`,
      headers: world.roster.auth,
    });
    expect(res.statusCode).toBe(200);

    expect(await storedRows(doomed)).toEqual({
      directory_records: 0,
      directory_memberships: 0,
      user_search: 0,
      sync_jobs: 0,
    });
    expect(await storedRows(kept)).toEqual(keptBefore);
    const after = await world.get(`/search/users?q=${encodeURIComponent(someone.username)}`);
    expect(after.body.result.map((r: any) => r.integrated_account_id)).not.toContain(doomed);
    const stored = await world.get(
      `/unified/user-directory/users?integrated_account_id=${doomed}&source=store`,
    );
    expect(stored.status).toBe(404);
  });
});
