import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpsgenieSimulator, startOpsgenieSimulator } from "../../simulators/opsgenie/index.ts";
import { type PagerdutySimulator, startPagerdutySimulator } from "../../simulators/pagerduty/index.ts";
import { userSchema } from "../../src/core/models/index.ts";
import { testDatabases } from "../helpers/databases.ts";
import { startTestRoster, type TestRoster } from "../helpers/roster.ts";
import { createSyncJob, opsgenie, runSync } from "../sync/sync-helpers.ts";
import { fastWebhooks, type Receiver, startReceiver } from "../webhooks/receiver.ts";

const base = "/unified/user-directory";

/** One environment with an Opsgenie and a PagerDuty account: synced alike, searched together, same events. */
describe.each(testDatabases)("Opsgenie and PagerDuty side by side on $name", (database) => {
  let og: OpsgenieSimulator;
  let pd: PagerdutySimulator;
  let roster: TestRoster;
  let receiver: Receiver;
  const accounts = { opsgenie: "", pagerduty: "" };
  const jobs = { opsgenie: "", pagerduty: "" };
  const world = {
    get roster() {
      return roster;
    },
    async get(url: string) {
      const res = await roster.app.inject({ url, headers: roster.auth });
      return { status: res.statusCode, body: res.json(), headers: res.headers };
    },
  };
  const link = async (integration: string, api_key: string) => {
    const res = await roster.app.inject({
      method: "POST",
      url: "/integrated-account",
      headers: roster.auth,
      payload: { integration, tenant_id: "acme", context: { api_key, region: "us" } },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const ofType = (type: string) => receiver.received.filter((r) => r.json?.type === type && r.status === 200);

  beforeAll(async () => {
    og = await startOpsgenieSimulator({ users: 40, teams: 4, seed: 3 });
    pd = await startPagerdutySimulator({ users: 60, teams: 5, seed: 9 });
    roster = await startTestRoster({
      databaseUrl: await database.create(),
      env: {
        OPSGENIE_US_BASE_URL: og.url,
        OPSGENIE_EU_BASE_URL: "http://127.0.0.1:9",
        PAGERDUTY_US_BASE_URL: pd.url,
        PAGERDUTY_EU_BASE_URL: "http://127.0.0.1:9",
        ...fastWebhooks,
      },
    });
    receiver = await startReceiver();
    const hook = await roster.app.inject({
      method: "POST",
      url: "/webhook",
      headers: roster.auth,
      payload: { target_url: receiver.url, event_types: ["*"] },
    });
    receiver.secrets.push(hook.json().secret);
    // Two people, one in each tool, who share a rare name: search must find both.
    const ogUser = [...og.directory.users.values()].find((u) => u.role.id !== "Owner");
    if (!ogUser) throw new Error("no Opsgenie user");
    await opsgenie(og, "PATCH", `/v2/users/${ogUser.id}`, { fullName: "Zebulon Quist" });
    const pdUser = pd.directory.sortedUsers().find((u) => u.role !== "owner");
    if (!pdUser) throw new Error("no PagerDuty user");
    pd.updateUser(pdUser.id, { name: "Zebulon Achterberg" });

    accounts.opsgenie = await link("opsgenie", og.apiKeys.full);
    accounts.pagerduty = await link("pagerduty", pd.apiKeys.readOnly);
    for (const integration of ["opsgenie", "pagerduty"] as const) {
      jobs[integration] = await createSyncJob(world, accounts[integration]);
      const run = await runSync(world, jobs[integration]);
      expect(run.status, run.error).toBe("completed");
    }
  }, 60_000);
  afterAll(async () => {
    await roster?.close();
    await receiver?.close();
    await Promise.all([og?.close(), pd?.close()]);
  });

  it("lists both integrations with what each serves", async () => {
    const res = await world.get("/integration");
    const byName = Object.fromEntries(res.body.result.map((i: { name: string }) => [i.name, i]));
    expect(Object.keys(byName).sort()).toEqual(["jsm", "opsgenie", "pagerduty"]);
    expect(byName.pagerduty).toMatchObject({
      label: "PagerDuty",
      regions: ["us", "eu"],
      unified: { "user-directory": ["users", "groups", "roles", "licenses"] },
    });
    expect(byName.pagerduty.proxy).toEqual(
      expect.arrayContaining(["users", "teams", "team-members", "audit-records"]),
    );
    expect(byName.opsgenie.unified["user-directory"]).toContain("organizations");
  });

  it("syncs PagerDuty's directory: stats count what it stored, and stored reads match live ones", async () => {
    const job = await world.get(`/sync-job?integrated_account_id=${accounts.pagerduty}`);
    expect(job.body.result[0].resources).toEqual(["users", "groups", "roles", "licenses"]);
    const runs = await world.get(`/sync-job-run?sync_job_id=${jobs.pagerduty}`);
    const [run] = runs.body.result;
    const memberships = [...pd.directory.teams.values()].reduce((n, t) => n + t.members.size, 0);
    const records = pd.directory.users.size + pd.directory.teams.size + 8 + pd.directory.licenses.size;
    expect(run.stats).toMatchObject({ created: records + memberships, updated: 0, deleted: 0 });
    expect(run.stats.requests).toBeGreaterThan(0);
    for (const [resource, extra] of [
      ["users", ""],
      ["groups", "&include=members"],
      ["roles", ""],
      ["licenses", ""],
    ] as const) {
      const url = `${base}/${resource}?integrated_account_id=${accounts.pagerduty}&fetch_all=true${extra}`;
      const live = (await world.get(url)).body.result;
      const stored = (await world.get(`${url}&source=store`)).body.result;
      const byId = new Map(stored.map((r: { id: string }) => [r.id, r]));
      expect(stored).toHaveLength(live.length);
      for (const record of live) expect(byId.get(record.id), `${resource} ${record.id}`).toEqual(record);
    }
    const organizations = await createJob({ resources: ["organizations"] });
    expect(organizations.statusCode).toBe(400);
    expect(organizations.json()).toMatchObject({
      code: "validation_failed",
      details: { supported: ["users", "groups", "roles", "licenses"] },
    });
  });

  const createJob = (body: object) =>
    roster.app.inject({
      method: "POST",
      url: "/sync-job",
      headers: roster.auth,
      payload: { integrated_account_id: accounts.pagerduty, ...body },
    });

  it("finds people of both tools in one search, each naming its integration", async () => {
    const res = await roster.app.inject({
      url: "/search/users?q=zebulon&tenant_id=acme",
      headers: roster.auth,
    });
    expect(res.statusCode).toBe(200);
    const found = res.json().result.map((r: any) => [r.integration, r.integrated_account_id, r.name]);
    expect(found.sort()).toEqual([
      ["opsgenie", accounts.opsgenie, "Zebulon Quist"],
      ["pagerduty", accounts.pagerduty, "Zebulon Achterberg"],
    ]);
  });

  it("emits the same webhook events, of the same shape, for a change in either tool", async () => {
    const ogUser = [...og.directory.users.values()].find((u) => u.fullName === "Zebulon Quist");
    const pdUser = pd.directory.sortedUsers().find((u) => u.name === "Zebulon Achterberg");
    if (!ogUser || !pdUser) throw new Error("renamed users are gone");
    await opsgenie(og, "PATCH", `/v2/users/${ogUser.id}`, { fullName: "Zebulon Quist-Berg" });
    pd.updateUser(pdUser.id, { name: "Zebulon Achterberg-Lund" });
    for (const integration of ["opsgenie", "pagerduty"] as const) {
      const run = await runSync(world, jobs[integration]);
      expect(run.status, run.error).toBe("completed");
    }
    await receiver.waitFor(() => ofType("user.updated").length >= 2);
    const updates = Object.fromEntries(ofType("user.updated").map((r) => [r.json.data.integration, r.json]));
    expect(Object.keys(updates).sort()).toEqual(["opsgenie", "pagerduty"]);
    const { opsgenie: ogEvent, pagerduty: pdEvent } = updates;
    expect(Object.keys(pdEvent).sort()).toEqual(Object.keys(ogEvent).sort());
    expect(Object.keys(pdEvent.data).sort()).toEqual(Object.keys(ogEvent.data).sort());
    expect(pdEvent.data).toMatchObject({
      integrated_account_id: accounts.pagerduty,
      tenant_id: "acme",
      integration: "pagerduty",
      changed_fields: expect.arrayContaining(["name", "last_name"]),
      record: { id: pdUser.id, name: "Zebulon Achterberg-Lund" },
      previous: { name: "Zebulon Achterberg" },
    });
    userSchema.parse(pdEvent.data.record);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
  });
});
