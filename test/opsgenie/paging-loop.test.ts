/**
 * A provider whose last page names its own offset as the next one (the simulator's `repeat-next` fault):
 * every walk over its pages stops at once with 502 provider_paging_loop instead of reading for ever.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";
import { count, createSyncJob, fastJobs, outbox, runSync } from "../sync/sync-helpers.ts";

const users = "/unified/user-directory/users";
const loopOnUsers = [{ kind: "repeat-next" as const, path: "/v2/users" }];

describe.each(testDatabases)("a provider whose paging never ends, on $name", (database) => {
  let world: OpsgenieWorld;
  /** 7 users: one page, whose next link points at offset 0 again. */
  let small: string;
  /** 250 users: pages at 0, 100 and 200; the last points at 200 again. */
  let large: string;
  beforeAll(async () => {
    world = await startOpsgenieWorld({
      databaseUrl: await database.create(),
      us: { users: 7, teams: 2 },
      eu: { users: 250, teams: 3 },
      env: fastJobs,
    });
    small = await world.link(world.us.apiKeys.full, "us");
    large = await world.link(world.eu.apiKeys.full, "eu");
    world.us.setFaultRules(loopOnUsers);
    world.eu.setFaultRules(loopOnUsers);
  });
  afterEach(() => {
    world.us.resetStats();
    world.eu.resetStats();
  });
  afterAll(() => world.close());

  const userPages = (sim: OpsgenieWorld["us"]) => sim.stats().byEndpoint["GET /v2/users"] ?? 0;

  it("unified and proxy fetch_all answer 502 provider_paging_loop after one provider call", async () => {
    for (const url of [
      `${users}?integrated_account_id=${small}&fetch_all=true`,
      `/proxy/users?integrated_account_id=${small}&fetch_all=true`,
    ]) {
      world.us.resetStats();
      const res = await world.get(url);
      expect(res.status, url).toBe(502);
      expect(res.body).toMatchObject({ statusCode: 502, error: "Bad Gateway", code: "provider_paging_loop" });
      expect(res.body.message).toMatch(/^Opsgenie users: .*offset=0/);
      expect(userPages(world.us), url).toBe(1);
    }
  });

  it("a caller paging by hand gets 502 on the looping page, never a cursor back to it", async () => {
    let cursor: string | null = null;
    for (let page = 0; page < 2; page++) {
      const res = await world.get(
        `${users}?integrated_account_id=${large}&limit=100${cursor ? `&next_cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(res.status).toBe(200);
      cursor = res.body.next_cursor;
    }
    const last = await world.get(
      `${users}?integrated_account_id=${large}&limit=100&next_cursor=${encodeURIComponent(cursor ?? "")}`,
    );
    expect(last.status).toBe(502);
    expect(last.body.code).toBe("provider_paging_loop");
    expect(last.body.message).toMatch(/offset=200 names itself/);
  });

  it("a loop found after the first page ends the streamed fetch_all with the error and the records read", async () => {
    for (const url of [
      `${users}?integrated_account_id=${large}&fetch_all=true`,
      `/proxy/users?integrated_account_id=${large}&fetch_all=true`,
    ]) {
      world.eu.resetStats();
      const res = await world.get(url);
      expect(res.status, url).toBe(200);
      expect(res.body.result, url).toHaveLength(200);
      expect(res.body.error).toMatchObject({ statusCode: 502, code: "provider_paging_loop" });
      expect(res.body.error.message).toMatch(/offset=200/);
      expect(userPages(world.eu), url).toBe(3);
    }
  });

  it("a sync run fails cleanly, naming the loop, and commits nothing", async () => {
    const job = await createSyncJob(world, small);
    const run = await runSync(world, job);
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/provider_paging_loop: Opsgenie users: .*offset=0/);
    expect(userPages(world.us)).toBe(1);
    expect(await count(world, "directory_records", { account_id: small })).toBe(0);
    expect(await count(world, "sync_run_staging")).toBe(0);
    expect(await outbox(world, small)).toEqual([]);
  });
});
