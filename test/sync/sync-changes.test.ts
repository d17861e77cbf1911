import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";
import { count, createSyncJob, fastJobs, opsgenie, outbox, runSync } from "./sync-helpers.ts";

describe.each(testDatabases)("directory sync and change events on $name", (database) => {
  let world: OpsgenieWorld;
  let account: string;
  let job: string;
  beforeAll(async () => {
    world = await startOpsgenieWorld({
      databaseUrl: await database.create(),
      us: { users: 120, teams: 8 },
      env: fastJobs,
    });
    account = await world.link(world.us.apiKeys.full, "us", "tenant-sync");
    job = await createSyncJob(world, account);
  });
  afterAll(() => world.close());

  it("a first sync stores every user, group, membership, role and license, emitting no events", async () => {
    const run = await runSync(world, job);
    expect(run.status, run.error).toBe("completed");
    const dir = world.us.directory;
    const memberships = [...dir.teams.values()].reduce((n, t) => n + t.members.size, 0);
    expect(await count(world, "directory_records", { account_id: account, resource: "users" })).toBe(
      dir.users.size,
    );
    expect(await count(world, "directory_records", { account_id: account, resource: "groups" })).toBe(
      dir.teams.size,
    );
    expect(await count(world, "directory_memberships", { account_id: account })).toBe(memberships);
    expect(await count(world, "directory_records", { account_id: account, resource: "licenses" })).toBe(1);
    expect(await count(world, "directory_records", { account_id: account, resource: "organizations" })).toBe(
      1,
    );
    const roles = await world.get(
      `/unified/user-directory/roles?integrated_account_id=${account}&fetch_all=true`,
    );
    expect(await count(world, "directory_records", { account_id: account, resource: "roles" })).toBe(
      roles.body.result.length,
    );
    expect(await count(world, "sync_run_staging")).toBe(0);
    expect(run.stats.created).toBe(
      dir.users.size + dir.teams.size + memberships + roles.body.result.length + 2,
    );
    expect(run.stats.requests).toBeGreaterThan(dir.teams.size);
    expect(run.progress.pages).toBeGreaterThanOrEqual(5);
    expect(await outbox(world, account)).toEqual([]);
  });

  it("a second sync with no change emits nothing", async () => {
    const run = await runSync(world, job);
    expect(run.status, run.error).toBe("completed");
    expect(run.stats).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    expect(run.stats.unchanged).toBeGreaterThan(120);
    expect(await outbox(world, account)).toEqual([]);
  });

  it("changes made through Opsgenie's write endpoints each yield exactly the expected change record", async () => {
    const dir = world.us.directory;
    const teams = [...dir.teams.values()].filter((t) => t.members.size >= 2);
    const [teamA, teamB] = teams;
    if (!teamA || !teamB) throw new Error("need two teams with members");
    const inTeams = new Set([...dir.teams.values()].flatMap((t) => [...t.members.keys()]));
    const loners = [...dir.users.values()].filter((u) => !inTeams.has(u.id) && u.role.id !== "Owner");
    const [toDelete, toBlock] = loners.filter((u) => !u.blocked);
    if (!toDelete || !toBlock) throw new Error("need users outside teams");
    const outsider = loners.find((u) => u !== toDelete && u !== toBlock && !teamA.members.has(u.id));
    if (!outsider) throw new Error("need a third user");
    const [removed] = [...teamA.members.keys()];
    const [promoted, promotedRole] = [...teamB.members.entries()].find(([, role]) => role !== "admin") ?? [];
    if (!removed || !promoted) throw new Error("need members");

    const created = await opsgenie(world.us, "POST", "/v2/users", {
      username: "new.person@example.com",
      fullName: "New Person",
      role: { name: "User" },
    });
    await opsgenie(world.us, "DELETE", `/v2/users/${toDelete.id}`);
    // Opsgenie has no public endpoint that blocks a user (the seat limit or an admin in the UI does): the
    // simulator's live directory is changed directly, as the product would change it.
    dir.updateUser(toBlock, { blocked: true });
    await opsgenie(world.us, "POST", `/v2/teams/${teamA.id}/members`, {
      user: { id: outsider.id },
      role: "user",
    });
    await opsgenie(world.us, "DELETE", `/v2/teams/${teamA.id}/members/${removed}`);
    await opsgenie(world.us, "POST", `/v2/teams/${teamB.id}/members`, {
      user: { id: promoted },
      role: "admin",
    });
    await opsgenie(world.us, "PATCH", `/v2/teams/${teamB.id}`, { name: "Renamed Team" });

    const run = await runSync(world, job);
    expect(run.status, run.error).toBe("completed");
    const events = await outbox(world, account);
    for (const e of events) {
      expect(e.integrated_account_id).toBe(account);
      expect(e.tenant_id).toBe("tenant-sync");
      expect(e.integration).toBe("opsgenie");
      expect(e.data.tenant_id).toBe("tenant-sync");
      expect(e.data.integrated_account_id).toBe(account);
    }
    const summary = events.map(
      (e) => `${e.type} ${e.data.record.id ?? `${e.data.record.group_id}/${e.data.record.user_id}`}`,
    );
    const expected = [
      `user.created ${created.data.id}`,
      `user.deleted ${toDelete.id}`,
      `user.updated ${toBlock.id}`,
      `group.member_added ${teamA.id}/${outsider.id}`,
      `group.member_removed ${teamA.id}/${removed}`,
      `group.member_updated ${teamB.id}/${promoted}`,
      `group.updated ${teamB.id}`,
    ];
    // Seats in use changed (one user more, one less: net zero, so no license event unless the count moved).
    const license = events.filter((e) => e.type === "license.updated");
    expect(summary.filter((s) => !s.startsWith("license.")).sort()).toEqual(expected.sort());
    expect(license.length).toBeLessThanOrEqual(1);

    const byType = Object.fromEntries(events.map((e) => [e.type, e.data]));
    expect(byType["user.created"].record).toMatchObject({
      username: "new.person@example.com",
      name: "New Person",
    });
    expect(byType["user.deleted"].record).toMatchObject({ id: toDelete.id, username: toDelete.username });
    expect(byType["user.updated"]).toMatchObject({
      changed_fields: ["status"],
      record: { status: "inactive" },
    });
    expect(byType["user.updated"].previous.status).not.toBe("inactive");
    expect(byType["group.member_added"]).toMatchObject({
      record: { group_id: teamA.id, user_id: outsider.id, role: "user" },
      group: { id: teamA.id },
    });
    expect(byType["group.member_updated"]).toMatchObject({
      record: { role: "admin" },
      previous: { role: promotedRole },
      changed_fields: ["role"],
    });
    expect(byType["group.updated"]).toMatchObject({
      changed_fields: ["name"],
      record: { name: "Renamed Team" },
    });
    expect(run.stats).toMatchObject({ created: 2, deleted: 2 });

    // The stored snapshot follows: the deleted user is a tombstone, the membership is gone.
    const tomb = await world.roster.context.store.db
      .selectFrom("directory_records")
      .select(["deleted_at"])
      .where("account_id", "=", account)
      .where("remote_id", "=", toDelete.id)
      .executeTakeFirstOrThrow();
    expect(tomb.deleted_at).not.toBeNull();

    // Nothing changed since: a further run emits nothing more.
    const again = await runSync(world, job);
    expect(again.stats).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    expect(await outbox(world, account)).toHaveLength(events.length);
  });
});
