import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";
import { count, createSyncJob, fastJobs, opsgenie, runSync } from "./sync-helpers.ts";

const PLAN_MESSAGE = "Account plan does not have the right to use custom user roles.";
const noAnomalies = {
  vanishedTeams: [],
  customRolesRefused: false,
  corruptUsers: [],
  configRestrictedKeys: [],
};

/** Every change event a run wrote (its own `sync_job_run.*` event included), `data` parsed. */
async function runEvents(world: OpsgenieWorld, runId: string): Promise<any[]> {
  const rows = await world.roster.context.store.db
    .selectFrom("change_events")
    .selectAll()
    .where("sync_job_run_id", "=", runId)
    .orderBy("sequence")
    .execute();
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) }));
}

/** A stored record as the store serves it (`last_seen_at`, bumped for every live record a commit keeps, left out). */
async function stored(world: OpsgenieWorld, account: string, resource: string, id: string) {
  return world.roster.context.store.db
    .selectFrom("directory_records")
    .select(["remote_id", "record", "content_hash", "email", "first_seen_at", "updated_at", "deleted_at"])
    .where("account_id", "=", account)
    .where("resource", "=", resource)
    .where("remote_id", "=", id)
    .executeTakeFirst();
}

async function live(world: OpsgenieWorld, account: string, resource: string): Promise<string[]> {
  const rows = await world.roster.context.store.db
    .selectFrom("directory_records")
    .select("remote_id")
    .where("account_id", "=", account)
    .where("resource", "=", resource)
    .where("deleted_at", "is", null)
    .execute();
  return rows.map((r) => r.remote_id).sort();
}

/** Partial failure is reported, not fatal: a sync commits what it could read and never deletes what a fault hid. */
describe.each(testDatabases)("sync with partial failures on $name", (database) => {
  let world: OpsgenieWorld;
  let account: string;
  let job: string;
  beforeAll(async () => {
    world = await startOpsgenieWorld({
      databaseUrl: await database.create(),
      us: { users: 120, teams: 6, customRoles: 3 },
      env: fastJobs,
    });
    account = await world.link(world.us.apiKeys.full, "us", "tenant-partial");
    job = await createSyncJob(world, account);
    const baseline = await runSync(world, job);
    expect(baseline.status, baseline.error).toBe("completed");
    expect(baseline.warnings).toEqual([]);
  });
  afterEach(() => {
    world.us.setAnomalies(noAnomalies);
  });
  afterAll(() => world.close());

  it("a team deleted between the team list and its detail read is confirmed by id and tombstoned; the run completes", async () => {
    const gone = [...world.us.directory.teams.values()].find((t) => t.members.size > 0);
    if (!gone) throw new Error("no team with members");
    world.us.setAnomalies({ vanishedTeams: [gone.id] });

    const run = await runSync(world, job);
    expect(run.status, run.error).toBe("completed");
    expect(run.warnings).toEqual([
      { code: "record_vanished", message: expect.stringContaining(gone.id), resource: "groups", id: gone.id },
    ]);
    expect((await stored(world, account, "groups", gone.id))?.deleted_at).not.toBeNull();
    const events = await runEvents(world, run.id);
    expect(events.filter((e) => e.type.endsWith(".deleted")).map((e) => e.data.record.id)).toEqual([gone.id]);
    const removed = events.filter((e) => e.type === "group.member_removed");
    expect(removed).toHaveLength(gone.members.size);
    // The group is gone, but its members' events still name it as it was stored.
    for (const event of removed) expect(event.data.group).toEqual({ id: gone.id, name: gone.name });
    expect(await live(world, account, "groups")).toHaveLength(world.us.directory.teams.size - 1);
    const completed = events.find((e) => e.type === "sync_job_run.completed");
    expect(completed?.data.record.warnings).toEqual(run.warnings);

    // Back in the provider's list and readable: the next run brings it back, with nothing to warn about.
    world.us.setAnomalies(noAnomalies);
    const next = await runSync(world, job);
    expect(next.status).toBe("completed");
    expect(next.warnings).toEqual([]);
    expect((await stored(world, account, "groups", gone.id))?.deleted_at).toBeNull();
  });

  it("a plan without custom user roles: the run commits users and built-in roles, keeps the stored custom roles and says why", async () => {
    const customIds = [...world.us.directory.customRoles.keys()].sort();
    const before = await Promise.all(customIds.map((id) => stored(world, account, "roles", id)));
    const renamed = world.us.directory.sortedUsers("username")[5];
    if (!renamed) throw new Error("no user");
    await opsgenie(world.us, "PATCH", `/v2/users/${renamed.id}`, { fullName: "Plan Change" });
    world.us.setAnomalies({ customRolesRefused: true });

    const run = await runSync(world, job);
    expect(run.status, run.error).toBe("completed");
    expect(run.warnings).toEqual([
      { code: "resource_not_permitted", message: expect.stringContaining(PLAN_MESSAGE), resource: "roles" },
    ]);
    // The custom roles it could not see are kept exactly as stored; the built-ins are there too.
    expect(await Promise.all(customIds.map((id) => stored(world, account, "roles", id)))).toEqual(before);
    expect(await live(world, account, "roles")).toEqual(
      [...customIds, "Admin", "Observer", "Owner", "Stakeholder", "User"].sort(),
    );
    const events = await runEvents(world, run.id);
    expect(events.filter((e) => e.type.endsWith(".deleted"))).toEqual([]);
    expect(events.filter((e) => e.type === "user.updated").map((e) => e.data.record.id)).toEqual([
      renamed.id,
    ]);
    // The webhook event of the run names what it left out.
    const completed = events.find((e) => e.type === "sync_job_run.completed");
    expect(completed?.data.record).toMatchObject({ id: run.id, status: "completed", warnings: run.warnings });
  });

  it("a first sync on a plan without custom roles stores every user and the five built-in roles", async () => {
    world.eu.setAnomalies({ customRolesRefused: true });
    const euAccount = await world.link(world.eu.apiKeys.full, "eu", "tenant-partial-eu");
    const run = await runSync(world, await createSyncJob(world, euAccount));
    world.eu.setAnomalies(noAnomalies);
    expect(run.status, run.error).toBe("completed");
    expect(run.warnings).toEqual([
      expect.objectContaining({ code: "resource_not_permitted", resource: "roles" }),
    ]);
    expect(await live(world, euAccount, "users")).toHaveLength(world.eu.directory.users.size);
    expect(await live(world, euAccount, "roles")).toEqual([
      "Admin",
      "Observer",
      "Owner",
      "Stakeholder",
      "User",
    ]);
  });

  it("a malformed user keeps its stored copy (no tombstone, no overwrite, no event) while the others update, run after run", async () => {
    const users = world.us.directory.sortedUsers("username");
    const [typed, missing, changed] = [users[10], users[60], users[11]];
    if (!typed || !missing || !changed) throw new Error("no users");
    const before = [
      await stored(world, account, "users", typed.id),
      await stored(world, account, "users", missing.id),
    ];
    // The provider's data changes for all three; two of them now come back broken.
    for (const user of [typed, missing, changed])
      await opsgenie(world.us, "PATCH", `/v2/users/${user.id}`, {
        fullName: `Changed ${user.id.slice(0, 8)}`,
      });
    world.us.setAnomalies({
      corruptUsers: [
        { id: typed.id, field: "createdAt", value: 1_700_000_000 },
        { id: missing.id, field: "username" },
      ],
    });

    for (let attempt = 0; attempt < 2; attempt++) {
      const run = await runSync(world, job);
      expect(run.status, run.error).toBe("completed");
      expect(run.warnings).toHaveLength(2);
      expect(run.warnings).toEqual(
        expect.arrayContaining([
          {
            code: "malformed_record",
            message: expect.stringContaining("field createdAt"),
            resource: "users",
            id: typed.id,
          },
          {
            code: "malformed_record",
            message: expect.stringContaining("field username"),
            resource: "users",
            id: missing.id,
          },
        ]),
      );
      expect([
        await stored(world, account, "users", typed.id),
        await stored(world, account, "users", missing.id),
      ]).toEqual(before);
      const events = await runEvents(world, run.id);
      const touched = events.filter((e) => e.type.startsWith("user.")).map((e) => e.data.record.id);
      expect(touched).toEqual(attempt === 0 ? [changed.id] : []);
      expect(events.find((e) => e.type === "sync_job_run.completed")?.data.record.warnings).toEqual(
        run.warnings,
      );
    }
    expect(await count(world, "directory_records", { account_id: account, resource: "users" })).toBe(120);

    // Fixed at the provider: the next run refreshes both.
    world.us.setAnomalies(noAnomalies);
    const fixed = await runSync(world, job);
    expect(fixed.warnings).toEqual([]);
    const updated = (await runEvents(world, fixed.id)).filter((e) => e.type === "user.updated");
    expect(updated.map((e) => e.data.record.id).sort()).toEqual([typed.id, missing.id].sort());
  });

  it("a key refused configuration access mid-run: users commit, the refused resources keep every stored record", async () => {
    const groupsBefore = await live(world, account, "groups");
    const seatPointsBefore = await count(world, "seat_history", { integrated_account_id: account });
    expect(seatPointsBefore).toBeGreaterThan(0);
    const membershipsBefore = await count(world, "directory_memberships", { account_id: account });
    const renamed = world.us.directory.sortedUsers("username")[20];
    if (!renamed) throw new Error("no user");
    await opsgenie(world.us, "PATCH", `/v2/users/${renamed.id}`, { fullName: "Read Before The Toggle" });
    const syncJob = await world.roster.context.sync.jobs.getById(job);
    if (!syncJob) throw new Error("no job");

    // An admin restricts the key's configuration access right after the users were read.
    const run = await world.roster.context.sync.runNow(syncJob, {
      onProgress: (progress) => {
        if (progress.done.includes("users"))
          world.us.setAnomalies({ configRestrictedKeys: [world.us.apiKeys.full] });
      },
    });
    expect(run?.status, run?.error ?? "").toBe("completed");
    expect(run?.warnings.map((w) => `${w.resource}:${w.code}`)).toEqual([
      "groups:resource_not_permitted",
      "roles:resource_not_permitted",
      "licenses:resource_not_permitted",
      "organizations:resource_not_permitted",
    ]);
    expect(run?.warnings[0]?.message).toMatch(/403.*restricted from accessing configurations/);
    expect(await live(world, account, "groups")).toEqual(groupsBefore);
    expect(await count(world, "directory_memberships", { account_id: account })).toBe(membershipsBefore);
    expect(await live(world, account, "licenses")).toEqual(["plan"]);
    expect(await live(world, account, "organizations")).toHaveLength(1);
    const events = await runEvents(world, run?.id ?? "");
    expect(events.filter((e) => e.type.endsWith(".deleted") || e.type.startsWith("group."))).toEqual([]);
    expect(events.filter((e) => e.type === "user.updated").map((e) => e.data.record.id)).toEqual([
      renamed.id,
    ]);
    const publicRun = await world.get(`/sync-job-run/${run?.id}`);
    expect(publicRun.body.warnings).toEqual(run?.warnings);
    // The seat history gains no point from a run that could not read the licenses (its figures would be old).
    expect(await count(world, "seat_history", { integrated_account_id: account })).toBe(seatPointsBefore);
  });
});
