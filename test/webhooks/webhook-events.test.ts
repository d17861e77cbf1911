import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";
import { createSyncJob, opsgenie, runSync } from "../sync/sync-helpers.ts";
import { documentedWebhookEvent } from "./documented-event.ts";
import { fastWebhooks, type Receiver, startReceiver } from "./receiver.ts";

describe.each(testDatabases)("change and account events delivered as webhooks on $name", (database) => {
  let world: OpsgenieWorld;
  let receiver: Receiver;
  let account: string;
  let job: string;
  const call = async (method: string, url: string, payload?: object) => {
    const res = await world.roster.app.inject({
      method: method as "GET",
      url,
      headers: world.roster.auth,
      payload,
    });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };
  const ofType = (type: string) => receiver.received.filter((r) => r.json?.type === type && r.status === 200);

  beforeAll(async () => {
    world = await startOpsgenieWorld({
      databaseUrl: await database.create(),
      us: { users: 30, teams: 4 },
      env: fastWebhooks,
    });
    receiver = await startReceiver();
    const created = await call("POST", "/webhook", { target_url: receiver.url, event_types: ["*"] });
    expect(created.status).toBe(201);
    receiver.secrets.push(created.body.secret);
    account = await world.link(world.us.apiKeys.full, "us", "tenant-hooks");
    job = await createSyncJob(world, account);
  });
  afterAll(async () => {
    await world.close();
    await receiver.close();
  });

  it("delivers integrated_account.created on link and sync_job_run.completed after a sync", async () => {
    await receiver.waitFor(() => ofType("integrated_account.created").length === 1);
    const [created] = ofType("integrated_account.created");
    expect(created?.verified).toBe(true);
    expect(created?.json.data).toMatchObject({
      integrated_account_id: account,
      tenant_id: "tenant-hooks",
      integration: "opsgenie",
      record: { id: account, status: "active", tenant_id: "tenant-hooks" },
    });
    expect(JSON.stringify(created?.json)).not.toContain(world.us.apiKeys.full);
    const run = await runSync(world, job);
    expect(run.status, run.error).toBe("completed");
    await receiver.waitFor(() => ofType("sync_job_run.completed").length === 1);
    expect(ofType("sync_job_run.completed")[0]?.json.data.record).toMatchObject({
      id: run.id,
      sync_job_id: job,
      status: "completed",
    });
    // The first sync is a baseline: no directory events.
    expect(receiver.received.filter((r) => /^(user|group|role)\./.test(r.json?.type))).toEqual([]);
  });

  it("adding a member to a team delivers one group.member_added; removing it delivers group.member_removed", async () => {
    const dir = world.us.directory;
    const team = [...dir.teams.values()][0];
    if (!team) throw new Error("no team");
    const outsider = [...dir.users.values()].find((u) => !team.members.has(u.id) && !u.blocked);
    if (!outsider) throw new Error("no user outside the team");
    await opsgenie(world.us, "POST", `/v2/teams/${team.id}/members`, {
      user: { id: outsider.id },
      role: "user",
    });
    const first = await runSync(world, job);
    expect(first.status, first.error).toBe("completed");
    await receiver.waitFor(() => ofType("sync_job_run.completed").length === 2);
    await receiver.waitFor(() => ofType("group.member_added").length >= 1);
    const added = ofType("group.member_added");
    expect(added).toHaveLength(1);
    expect(added[0]?.verified).toBe(true);
    expect(added[0]?.json.data).toMatchObject({
      integrated_account_id: account,
      tenant_id: "tenant-hooks",
      integration: "opsgenie",
      group: { id: team.id },
      record: { group_id: team.id, user_id: outsider.id },
    });

    await opsgenie(world.us, "DELETE", `/v2/teams/${team.id}/members/${outsider.id}`);
    const second = await runSync(world, job);
    expect(second.status, second.error).toBe("completed");
    await receiver.waitFor(() => ofType("group.member_removed").length >= 1);
    await receiver.waitFor(() => ofType("sync_job_run.completed").length === 3);
    const removed = ofType("group.member_removed");
    expect(removed).toHaveLength(1);
    expect(removed[0]?.json.data.record).toMatchObject({ group_id: team.id, user_id: outsider.id });
    expect(ofType("group.member_added")).toHaveLength(1);
    // Events of one account arrive in the order they happened.
    const order = receiver.received.filter((r) => r.status === 200).map((r) => r.json.type);
    expect(order.indexOf("group.member_added")).toBeLessThan(order.indexOf("group.member_removed"));
    expect(receiver.received.every((r) => r.verified)).toBe(true);
  });

  it("delivers integrated_account.needs_reauth after a revoked key, and .deleted on delete", async () => {
    const victim = await world.link(world.us.apiKeys.keyManagement, "us", "tenant-victim");
    world.us.revokeKey(world.us.apiKeys.keyManagement);
    const res = await world.get(`/unified/user-directory/users?integrated_account_id=${victim}&limit=5`);
    expect(res.body.code).toBe("needs_reauth");
    await receiver.waitFor(() => ofType("integrated_account.needs_reauth").length === 1);
    expect(ofType("integrated_account.needs_reauth")[0]?.json.data.record).toMatchObject({
      id: victim,
      status: "needs_reauth",
    });
    expect((await call("DELETE", `/integrated-account/${victim}`)).status).toBe(200);
    await receiver.waitFor(() => ofType("integrated_account.deleted").length === 1);
    expect(ofType("integrated_account.deleted")[0]?.json.data.record.id).toBe(victim);
  });

  it("an endpoint that exhausts the schedule is disabled and webhook.disabled reaches the others", async () => {
    const failing = await startReceiver();
    failing.answer = () => 500;
    try {
      const hook = await call("POST", "/webhook", {
        target_url: failing.url,
        event_types: ["integrated_account.created"],
      });
      await world.link(world.us.apiKeys.full, "us", "tenant-late");
      await receiver.waitFor(() => ofType("webhook.disabled").length === 1, 10_000);
      const notice = ofType("webhook.disabled")[0]?.json.data;
      expect(notice.record).toMatchObject({ id: hook.body.id, status: "disabled" });
      expect(notice.tenant_id).toBe("tenant-late");
      expect((await call("GET", `/webhook/${hook.body.id}`)).body.status).toBe("disabled");
      expect(failing.received).toHaveLength(5);
    } finally {
      await failing.close();
    }
  });

  it("delivers every event in the shape the webhooks section of /openapi.json documents", async () => {
    const documented = await documentedWebhookEvent(world.roster.app);
    const delivered = receiver.received.filter((r) => r.status === 200);
    const types = new Set(delivered.map((r) => r.json.type));
    expect([...types]).toEqual(
      expect.arrayContaining(["integrated_account.created", "group.member_added", "webhook.disabled"]),
    );
    for (const r of delivered) expect(documented.safeParse(JSON.parse(r.body)).error, r.body).toBeUndefined();
    const sample = delivered[0]?.json;
    expect(documented.safeParse({ ...sample, type: "user.renamed" }).success).toBe(false);
  });
});
