/** The /__sim control surface and the matching programmatic handle. */
import { describe, expect, it } from "vitest";
import { must } from "../kit/test-helpers.ts";
import { call, useSimulator } from "./test-helpers.ts";

describe("/__sim control surface", () => {
  const sim = useSimulator({ seed: 61, users: 30, teams: 4 });
  const sim_ = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sim().url}${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: await res.json() };
  };

  it("stats count by domain, endpoint template and status; control calls are not counted", async () => {
    await sim_("POST", "/__sim/reset-stats");
    const user = must(sim().directory.sortedUsers("username")[0]);
    await call(sim(), "/v2/users");
    await call(sim(), `/v2/users/${user.id}`);
    await call(sim(), "/v2/users/nobody@example.com");
    await call(sim(), "/v2/alerts");
    const { json } = await sim_("GET", "/__sim/stats");
    expect(json.total).toBe(4);
    expect(json.byDomain).toEqual({ search: 2, configuration: 2 });
    expect(json.byEndpoint).toEqual({
      "GET /v2/users": 1,
      "GET /v2/users/{identifier}": 2,
      "GET /v2/alerts": 1,
    });
    expect(json.byStatus).toEqual({ "200": 3, "404": 1 });
    expect(json.rates.search.maxPerSecond).toBeGreaterThanOrEqual(1);
    expect(sim().stats().total).toBe(4);
    sim().resetStats();
    expect(sim().stats().total).toBe(0);
  });

  it("keys: region, apiKeys and the team key's team", async () => {
    const { json } = await sim_("GET", "/__sim/keys");
    expect(json.region).toBe("us");
    expect(json.apiKeys).toEqual(sim().apiKeys);
    expect(json.teamKeyTeam.id).toBe(sim().teamKeyTeam?.id);
  });

  it("PUT /__sim/rate-limits changes limits at run time and validates input", async () => {
    const { json } = await sim_("PUT", "/__sim/rate-limits", { heartbeat: { perSecond: 1 } });
    expect(json.heartbeat).toEqual({ perSecond: 1, perMinute: 1000 });
    expect((await call(sim(), "/v2/heartbeats")).status).toBe(200);
    expect((await call(sim(), "/v2/heartbeats")).status).toBe(429);
    expect((await sim_("PUT", "/__sim/rate-limits", { nope: { perSecond: 1 } })).status).toBe(400);
    expect((await sim_("GET", "/__sim/nothing")).status).toBe(404);
  });

  it("PUT /__sim/anomalies: a vanished team, a plan without custom roles, a broken user; off again restores", async () => {
    const team = must([...sim().directory.teams.values()][0]);
    const user = must(sim().directory.sortedUsers("username")[0]);
    const set = await sim_("PUT", "/__sim/anomalies", {
      vanishedTeams: [team.id],
      customRolesRefused: true,
      corruptUsers: [
        { id: user.id, field: "createdAt", value: 17 },
        { id: user.id, field: "username" },
      ],
    });
    expect(set.status).toBe(200);
    // The list still names the team; reads by id or name do not find it.
    expect((await call(sim(), "/v2/teams")).json.data.map((t: { id: string }) => t.id)).toContain(team.id);
    const gone = await call(sim(), `/v2/teams/${team.id}`);
    expect(gone.status).toBe(404);
    expect(gone.json.message).toBe("Team not found");
    expect((await call(sim(), `/v2/teams/${encodeURIComponent(team.name)}?identifierType=name`)).status).toBe(
      404,
    );
    // The plan refusal, as Opsgenie words it, on every /v2/roles call.
    const roles = await call(sim(), "/v2/roles");
    expect(roles.status).toBe(422);
    expect(roles.json).toEqual({
      message: "Account plan does not have the right to use custom user roles.",
      took: expect.any(Number),
      requestId: expect.any(String),
    });
    expect((await call(sim(), "/v2/roles/x")).status).toBe(422);
    // The broken user, in the list and by id; the others untouched.
    const [first, second] = (await call(sim(), "/v2/users?limit=2")).json.data;
    expect(first.id).toBe(user.id);
    expect(first.createdAt).toBe(17);
    expect(first).not.toHaveProperty("username");
    expect(typeof second.username).toBe("string");
    expect((await call(sim(), `/v2/users/${user.id}`)).json.data.createdAt).toBe(17);
    // A key restricted after linking: configuration calls (users and teams included) are refused, alerts still answer.
    await sim_("PUT", "/__sim/anomalies", { configRestrictedKeys: [sim().apiKeys.full] });
    const restricted = await call(sim(), "/v2/account");
    expect(restricted.status).toBe(403);
    expect(restricted.json).toMatchObject({
      code: 40301,
      message: expect.stringContaining("configurations"),
    });
    expect((await call(sim(), "/v2/users?limit=1")).status).toBe(403);
    expect((await call(sim(), "/v2/alerts?limit=1")).status).toBe(200);

    expect((await sim_("PUT", "/__sim/anomalies", { nope: true })).status).toBe(400);
    expect((await sim_("PUT", "/__sim/anomalies", { corruptUsers: [{ field: "x" }] })).status).toBe(400);
    const off = await sim_("PUT", "/__sim/anomalies", {
      vanishedTeams: [],
      customRolesRefused: false,
      corruptUsers: [],
      configRestrictedKeys: [],
    });
    expect(off.json).toEqual((await sim_("GET", "/__sim/anomalies")).json);
    expect((await call(sim(), `/v2/teams/${team.id}`)).status).toBe(200);
    expect((await call(sim(), "/v2/roles")).status).toBe(200);
    expect((await call(sim(), `/v2/users/${user.id}`)).json.data.username).toBe(user.username);
    expect((await call(sim(), "/v2/account")).status).toBe(200);
  });
});

describe("other families", () => {
  const sim = useSimulator({ seed: 62 });

  it("alerts: 20 by default with paging, get by id/tiny, POST -> 202 then visible via request status", async () => {
    const list = await call(sim(), "/v2/alerts");
    expect(list.json.data).toHaveLength(20);
    expect(list.json.paging.next).toContain("offset=20");
    const first = list.json.data[0];
    expect((await call(sim(), `/v2/alerts/${first.tinyId}?identifierType=tiny`)).json.data.id).toBe(first.id);
    const created = await call(sim(), "/v2/alerts", {
      method: "POST",
      body: { message: "Disk full", priority: "P2" },
    });
    expect(created.status).toBe(202);
    expect(created.json).toEqual({
      result: "Request will be processed",
      took: expect.any(Number),
      requestId: expect.any(String),
    });
    const status = await call(sim(), `/v2/alerts/requests/${created.json.requestId}`);
    expect(status.json.data).toMatchObject({ isSuccess: true, action: "Create" });
    expect((await call(sim(), `/v2/alerts/${status.json.data.alertId}`)).json.data.message).toBe("Disk full");
    expect((await call(sim(), "/v2/alerts", { method: "POST", body: {} })).status).toBe(422);
  });

  it("heartbeats list is an object; get by name; schedules, on-calls, escalations, incidents, services, integrations", async () => {
    const hb = await call(sim(), "/v2/heartbeats");
    expect(Array.isArray(hb.json.data.heartbeats)).toBe(true);
    expect((await call(sim(), `/v2/heartbeats/${hb.json.data.heartbeats[0].name}`)).json.data.name).toBe(
      hb.json.data.heartbeats[0].name,
    );
    const schedule = must(sim().ops.schedules[0]);
    expect((await call(sim(), `/v2/schedules/${schedule.name}?identifierType=name`)).json.data.id).toBe(
      schedule.id,
    );
    const oncall = await call(sim(), `/v2/schedules/${schedule.id}/on-calls`);
    expect(oncall.json.data._parent.id).toBe(schedule.id);
    expect(oncall.json.data.onCallParticipants.length).toBeGreaterThan(0);
    expect(
      (await call(sim(), `/v2/schedules/${schedule.id}/on-calls?flat=true`)).json.data.onCallRecipients
        .length,
    ).toBeGreaterThan(0);
    expect((await call(sim(), "/v2/schedules/on-calls")).json.data).toHaveLength(sim().ops.schedules.length);
    const esc = (await call(sim(), "/v2/escalations")).json.data[0];
    expect((await call(sim(), `/v2/escalations/${esc.id}`)).json.data.name).toBe(esc.name);
    const incidents = await call(sim(), "/v1/incidents?limit=5");
    expect(incidents.json.data).toHaveLength(5);
    expect((await call(sim(), `/v1/incidents/${incidents.json.data[0].id}`)).status).toBe(200);
    const services = await call(sim(), "/v1/services?limit=2");
    expect(Object.keys(services.json.paging).sort()).toEqual(["first", "last", "next"]);
    expect((await call(sim(), `/v1/services/${services.json.data[0].id}`)).status).toBe(200);
    const integrations = await call(sim(), "/v2/integrations?type=API");
    expect(integrations.json.data.every((i: { type: string }) => i.type === "API")).toBe(true);
    expect((await call(sim(), `/v2/integrations/${integrations.json.data[0].id}`)).json.data.type).toBe(
      "API",
    );
  });
});
