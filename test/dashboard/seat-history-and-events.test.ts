import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EnvironmentRepository } from "../../src/store/environments.ts";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";
import { createSyncJob, fastJobs, opsgenie, runSync } from "../sync/sync-helpers.ts";

describe.each(testDatabases)("seat history and the change feed on $name", (database) => {
  let world: OpsgenieWorld;
  let account: string;
  let job: string;
  let runs: any[];
  let otherAuth: { authorization: string };
  let newUser: string;

  beforeAll(async () => {
    world = await startOpsgenieWorld({
      databaseUrl: await database.create(),
      us: { users: 12, teams: 2, maxUsers: 40 },
      env: fastJobs,
    });
    account = await world.link(world.us.apiKeys.full, "us", "tenant-seats");
    job = await createSyncJob(world, account);
    runs = [await runSync(world, job)];
    // Between syncs the customer's admin adds two people and puts one of them on a team.
    const a = await opsgenie(world.us, "POST", "/v2/users", {
      username: "seat.one@example.com",
      fullName: "Seat One",
      role: { name: "User" },
    });
    await opsgenie(world.us, "POST", "/v2/users", {
      username: "seat.two@example.com",
      fullName: "Seat Two",
      role: { name: "User" },
    });
    newUser = a.data.id;
    const team = [...world.us.directory.teams.values()][0];
    await opsgenie(world.us, "POST", `/v2/teams/${team?.id}/members`, { user: { id: newUser } });
    runs.push(await runSync(world, job));
    for (const run of runs) expect(run.status, run.error).toBe("completed");
    const staging = await new EnvironmentRepository(world.roster.context.store.db).ensure("staging-seats");
    otherAuth = { authorization: `Bearer ${(await world.roster.context.tokens.create(staging.id)).token}` };
  });
  afterAll(() => world?.close());

  it("records the seats of every completed sync, newest first, with each license's figures", async () => {
    const res = await world.get(`/integrated-account/${account}/seat-history`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const points = res.body.result;
    expect(points.map((p: any) => p.sync_job_run_id)).toEqual([runs[1].id, runs[0].id]);
    expect(points[0].seats_used - points[1].seats_used).toBe(2);
    expect(points[0].seats_used).toBe(world.us.directory.userCount);
    expect(points[0].seats_available).toBe(40);
    expect(points[0].licenses).toEqual([
      expect.objectContaining({ assigned_quantity: points[0].seats_used, available_quantity: 40 }),
    ]);
    expect(res.body.next_cursor).toBeNull();
  });

  it("pages with a cursor and bounds by since/until", async () => {
    const first = await world.get(`/integrated-account/${account}/seat-history?limit=1`);
    expect(first.body.result).toHaveLength(1);
    const second = await world.get(
      `/integrated-account/${account}/seat-history?limit=1&next_cursor=${first.body.next_cursor}`,
    );
    expect(second.body.result[0].sync_job_run_id).toBe(runs[0].id);
    expect(second.body.next_cursor).toBeNull();

    const newest = first.body.result[0].created_at;
    const since = await world.get(`/integrated-account/${account}/seat-history?since=${newest}`);
    expect(since.body.result.map((p: any) => p.sync_job_run_id)).toEqual([runs[1].id]);
    const until = await world.get(`/integrated-account/${account}/seat-history?until=${newest}`);
    expect(until.body.result.map((p: any) => p.sync_job_run_id)).toEqual([runs[0].id]);

    const foreign = await world.get(
      `/integrated-account/${account}/seat-history?since=${newest}&next_cursor=${first.body.next_cursor}`,
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.code).toBe("invalid_cursor");
  });

  it("refuses bad bounds with a 400 and hides other environments' accounts", async () => {
    const bad = await world.get(`/integrated-account/${account}/seat-history?since=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("validation_failed");
    const reversed = await world.get(
      `/integrated-account/${account}/seat-history?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z`,
    );
    expect(reversed.status).toBe(400);
    const hidden = await world.get(`/integrated-account/${account}/seat-history`, otherAuth);
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe("not_found");
  });

  it("GET /event lists the outbox newest first, filtered by account and type", async () => {
    const all = await world.get(`/event?integrated_account_id=${account}&limit=200`);
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    const types = all.body.result.map((e: any) => e.type);
    expect(types).toContain("user.created");
    expect(types).toContain("group.member_added");
    expect(types).toContain("sync_job_run.completed");
    // Newest first: the second run's completion comes before the first's.
    const completions = all.body.result.filter((e: any) => e.type === "sync_job_run.completed");
    expect(completions.map((e: any) => e.sync_job_run_id)).toEqual([runs[1].id, runs[0].id]);

    const created = await world.get(`/event?integrated_account_id=${account}&type=user.created`);
    expect(created.body.result.map((e: any) => e.data.record.username).sort()).toEqual([
      "seat.one@example.com",
      "seat.two@example.com",
    ]);
    const added = await world.get(`/event?type=group.member_added,user.deleted`);
    expect(added.body.result).toHaveLength(1);
    expect(added.body.result[0]).toMatchObject({
      type: "group.member_added",
      integrated_account_id: account,
      tenant_id: "tenant-seats",
      integration: "opsgenie",
    });
    expect(added.body.result[0].data.record.user_id).toBe(newUser);
  });

  it("GET /event pages with cursors bound to the filter, and refuses unknown types", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await world.get(
        `/event?integrated_account_id=${account}&limit=2${cursor ? `&next_cursor=${cursor}` : ""}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.result.map((e: any) => e.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    const all = await world.get(`/event?integrated_account_id=${account}&limit=200`);
    expect(seen).toEqual(all.body.result.map((e: any) => e.id));

    const first = await world.get(`/event?limit=1`);
    const reused = await world.get(`/event?limit=1&type=user.created&next_cursor=${first.body.next_cursor}`);
    expect(reused.status).toBe(400);
    expect(reused.body.code).toBe("invalid_cursor");
    const unknown = await world.get(`/event?type=user.exploded`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe("validation_failed");
  });

  it("GET /event sees only the token's environment", async () => {
    const other = await world.get(`/event?integrated_account_id=${account}`, otherAuth);
    expect(other.status).toBe(200);
    expect(other.body.result).toEqual([]);
    const everything = await world.get(`/event`, otherAuth);
    expect(everything.body.result).toEqual([]);
  });

  it("goes with its account: deleting the account erases its seat history", async () => {
    const deleted = await world.roster.app.inject({
      method: "DELETE",
      url: `/integrated-account/${account}`,
      headers: world.roster.auth,
    });
    expect(deleted.statusCode).toBe(200);
    expect((await world.get(`/integrated-account/${account}/seat-history`)).status).toBe(404);
    const rows = await world.roster.context.store.db
      .selectFrom("seat_history")
      .select("id")
      .where("integrated_account_id", "=", account)
      .execute();
    expect(rows).toEqual([]);
  });
});
