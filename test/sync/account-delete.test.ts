import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";
import { fastWebhooks, type Receiver, startReceiver } from "../webhooks/receiver.ts";
import { createSyncJob, fastJobs, opsgenie, runSync } from "./sync-helpers.ts";

/** Deleting an account erases everything Roster stored about its directory; other accounts keep theirs. */
describe.each(testDatabases)("deleting a synced account on $name", (database) => {
  let world: OpsgenieWorld;
  let receiver: Receiver;
  let doomed: string;
  let kept: string;
  beforeAll(async () => {
    receiver = await startReceiver();
    world = await startOpsgenieWorld({
      databaseUrl: await database.create(),
      us: { users: 40, teams: 4 },
      env: { ...fastJobs, ...fastWebhooks },
    });
    const hook = await world.roster.app.inject({
      method: "POST",
      url: "/webhook",
      headers: world.roster.auth,
      payload: { target_url: receiver.url, event_types: ["*"] },
    });
    receiver.secrets.push(hook.json().secret);
    doomed = await world.link(world.us.apiKeys.full, "us", "tenant-a");
    kept = await world.link(world.eu.apiKeys.full, "eu", "tenant-b");
    const jobs = new Map<string, string>();
    for (const account of [doomed, kept]) {
      jobs.set(account, await createSyncJob(world, account));
      const run = await runSync(world, jobs.get(account) as string);
      expect(run.status, run.error).toBe("completed");
    }
    // A change after the baseline, so each account has people's records in its change feed and deliveries.
    for (const [sim, account] of [
      [world.us, doomed],
      [world.eu, kept],
    ] as const) {
      await opsgenie(sim, "POST", "/v2/users", {
        username: `erase.me.${sim.region}@example.com`,
        fullName: "Erase Me",
        role: { name: "User" },
      });
      const run = await runSync(world, jobs.get(account) as string);
      expect(run.status, run.error).toBe("completed");
    }
    await receiver.waitFor((received) => received.some((r) => r.body.includes("erase.me.eu@example.com")));
  });
  afterAll(async () => {
    await world.close();
    await receiver.close();
  });

  /** What the account's change feed and delivery log hold: event types, and deliveries naming the person. */
  async function history(account: string) {
    const db = world.roster.context.store.db;
    const events = await db
      .selectFrom("change_events")
      .select(["type", "data"])
      .where("integrated_account_id", "=", account)
      .execute();
    const deliveries = await db
      .selectFrom("webhook_deliveries")
      .select("payload")
      .where("integrated_account_id", "=", account)
      .execute();
    return {
      types: [...new Set(events.map((e) => e.type))].sort(),
      mentions: [...events.map((e) => e.data), ...deliveries.map((d) => d.payload)].filter((text) =>
        text.includes("erase.me."),
      ).length,
    };
  }

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

  it("removes its stored directory, search entries, sync jobs and change history, and nothing of other accounts", async () => {
    const before = await storedRows(doomed);
    expect((await history(doomed)).types).toContain("user.created");
    expect((await history(doomed)).mentions).toBeGreaterThan(0);
    const keptHistory = await history(kept);
    expect(keptHistory.mentions).toBeGreaterThan(0);
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

    // The change feed and the delivery log no longer hold its people: only the deletion's own event remains.
    expect(await history(doomed)).toEqual({ types: ["integrated_account.deleted"], mentions: 0 });
    const feed = await world.get(`/event?integrated_account_id=${doomed}`);
    expect(feed.body.result.map((e: any) => e.type)).toEqual(["integrated_account.deleted"]);
    expect(await history(kept)).toEqual(keptHistory);
  });
});
