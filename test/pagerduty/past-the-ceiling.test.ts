import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type PagerdutyWorld, startPagerdutyWorld } from "../helpers/pagerduty-world.ts";
import { createSyncJob, fastJobs, runSync } from "../sync/sync-helpers.ts";

const base = "/unified/user-directory";

/**
 * PagerDuty answers 400 when offset + limit passes 10,000. An account of 12,000 users is still read whole,
 * by narrowing, and the 400 never reaches a caller; what narrowing cannot reach is reported, not dropped.
 */
describe.each(testDatabases)("PagerDuty past the 10,000 offset ceiling on $name", (database) => {
  let world: PagerdutyWorld;
  let account: string;
  beforeAll(async () => {
    world = await startPagerdutyWorld({
      databaseUrl: await database.create(),
      us: { users: 12_000, teams: 10, seed: 21, rateLimit: 60_000 },
      env: fastJobs,
    });
    account = await world.link(world.us.apiKeys.full);
  }, 60_000);
  afterAll(() => world.close());

  const statuses = () => world.us.stats().byStatus;

  it("returns every one of 12,000 users exactly once with fetch_all, and pages the same set", async () => {
    world.us.resetStats();
    const all = await world.get(`${base}/users?integrated_account_id=${account}&fetch_all=true`);
    expect(all.status).toBe(200);
    const ids = all.body.result.map((u: { id: string }) => u.id);
    expect(ids).toHaveLength(12_000);
    expect(new Set(ids)).toEqual(new Set(world.us.directory.users.keys()));
    expect(statuses()["400"]).toBeUndefined();

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await world.get(
        `${base}/users?integrated_account_id=${account}&limit=100${cursor ? `&next_cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      paged.push(...page.body.result.map((u: { id: string }) => u.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(paged).toHaveLength(12_000);
    expect(new Set(paged).size).toBe(12_000);
    expect(statuses()["400"]).toBeUndefined();
  }, 120_000);

  it("syncs 12,000 users into the store exactly once", async () => {
    const job = await createSyncJob(world, account, { resources: ["users"] });
    const run = await runSync(world, job, 120_000);
    expect(run.status, run.error).toBe("completed");
    expect(run.stats.created).toBe(12_000);
    const stored = await world.get(
      `${base}/users?integrated_account_id=${account}&source=store&fetch_all=true`,
    );
    expect(new Set(stored.body.result.map((u: { id: string }) => u.id))).toEqual(
      new Set(world.us.directory.users.keys()),
    );
  }, 180_000);

  it("reports users narrowing cannot reach instead of leaving them out, and a sync deletes nothing", async () => {
    const job = await createSyncJob(world, account, { resources: ["users"] });
    const unreachable = world.us.addUser({ name: "李明", email: "li.ming@example.com" });
    try {
      let cursor: string | null = null;
      let last: { status: number; body: any };
      do {
        last = await world.get(
          `${base}/users?integrated_account_id=${account}&limit=100${cursor ? `&next_cursor=${encodeURIComponent(cursor)}` : ""}`,
        );
        cursor = last.status === 200 ? last.body.next_cursor : null;
      } while (cursor);
      expect(last.status).toBe(502);
      expect(last.body).toMatchObject({ statusCode: 502, code: "list_truncated" });
      expect(last.body.message).toMatch(/^PagerDuty: 1 of 12001 records could not be reached/);
      expect(statuses()["400"]).toBeUndefined();

      const run = await runSync(world, job, 120_000);
      expect(run.status).toBe("failed");
      expect(run.error).toMatch(/^list_truncated: PagerDuty: 1 of 12001 records/);
      const stored = await world.get(`${base}/users?integrated_account_id=${account}&source=store&limit=1`);
      expect(stored.status).toBe(200);
      const count = await world.roster.context.store.db
        .selectFrom("directory_records")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("account_id", "=", account)
        .where("resource", "=", "users")
        .where("deleted_at", "is", null)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(12_000);
    } finally {
      world.us.removeUser(unreachable.id);
    }
  }, 180_000);
});
