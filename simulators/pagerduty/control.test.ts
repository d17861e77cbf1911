/** The /__sim control surface, seeded changes as a sync test sees them, the audit trail and reset. */
import { describe, expect, it } from "vitest";
import { must } from "../kit/test-helpers.ts";
import { call, control, useSimulator, walk } from "./test-helpers.ts";

describe("/__sim control surface", () => {
  const sim = useSimulator({ seed: 61, users: 30, teams: 4 });

  it("stats count by endpoint template (the spec's paths) and status; control calls are not counted", async () => {
    await control(sim(), "POST", "/__sim/reset-stats");
    const user = must(sim().directory.sortedUsers()[0]);
    await call(sim(), "/users");
    await call(sim(), `/users/${user.id}`);
    await call(sim(), "/users/PNOSUCH");
    const { json } = await control(sim(), "GET", "/__sim/stats");
    expect(json.total).toBe(3);
    expect(json.byEndpoint).toEqual({ "GET /users": 1, "GET /users/{id}": 2 });
    expect(json.byStatus).toEqual({ "200": 2, "404": 1 });
  });

  it("keys: region, every key and the users behind the user keys", async () => {
    const { json } = await control(sim(), "GET", "/__sim/keys");
    expect(json).toEqual({ region: "us", apiKeys: sim().apiKeys, keyUsers: sim().keyUsers });
    expect(Object.keys(json.apiKeys).sort()).toEqual([
      "full",
      "readOnly",
      "restrictedUser",
      "revoked",
      "user",
    ]);
  });

  it("seeded users and teams appear in, change in and vanish from the API", async () => {
    const added = await control(sim(), "POST", "/__sim/users", { name: "Seeded Person", role: "user" });
    expect(added.status).toBe(201);
    const id = added.json.id;
    expect((await call(sim(), `/users/${id}`)).json.user).toMatchObject({
      name: "Seeded Person",
      role: "user",
    });
    expect((await control(sim(), "PATCH", `/__sim/users/${id}`, { name: "Renamed Person" })).status).toBe(
      200,
    );
    expect((await call(sim(), `/users/${id}`)).json.user.name).toBe("Renamed Person");

    const team = await control(sim(), "POST", "/__sim/teams", {
      name: "Seeded Team",
      members: [{ user_id: id, role: "manager" }],
    });
    expect(team.status).toBe(201);
    const members = (await call(sim(), `/teams/${team.json.id}/members`)).json.members;
    expect(members).toEqual([{ user: expect.objectContaining({ id }), role: "manager" }]);
    expect(
      (await control(sim(), "PUT", `/__sim/teams/${team.json.id}/members/${id}`, { role: "observer" }))
        .status,
    ).toBe(200);
    expect((await call(sim(), `/teams/${team.json.id}/members`)).json.members[0].role).toBe("observer");
    expect((await control(sim(), "DELETE", `/__sim/teams/${team.json.id}/members/${id}`)).status).toBe(200);
    expect((await control(sim(), "DELETE", `/__sim/teams/${team.json.id}`)).status).toBe(200);
    expect((await call(sim(), `/teams/${team.json.id}`)).status).toBe(404);

    expect((await control(sim(), "DELETE", `/__sim/users/${id}`)).status).toBe(200);
    expect((await call(sim(), `/users/${id}`)).status).toBe(404);
    expect((await control(sim(), "DELETE", `/__sim/users/${id}`)).status).toBe(404);
  });

  it("refuses invalid input (400) and unknown endpoints (404)", async () => {
    const taken = must(sim().directory.sortedUsers()[0]).email;
    expect((await control(sim(), "POST", "/__sim/users", { email: taken })).status).toBe(400);
    expect((await control(sim(), "POST", "/__sim/users", { role: "wizard" })).status).toBe(400);
    expect((await control(sim(), "PUT", "/__sim/abilities", { abilities: "teams" })).status).toBe(400);
    expect((await control(sim(), "GET", "/__sim/nothing")).status).toBe(404);
  });
});

describe("audit records", () => {
  const sim = useSimulator({ seed: 62, users: 30, teams: 4 });

  it("record API and web-UI changes newest first, cursor-paged, filtered by type and action", async () => {
    expect((await call(sim(), "/audit/records")).json).toEqual({ records: [], limit: 25, next_cursor: null });
    const from = { From: sim().keyUsers.user.email };
    const created = await call(sim(), "/users", {
      method: "POST",
      headers: from,
      body: { user: { name: "Audit One", email: "audit.one@example.com" } },
    });
    const userId = created.json.user.id;
    await call(sim(), `/users/${userId}`, { method: "PUT", body: { user: { job_title: "Auditor" } } });
    const team = must([...sim().directory.teams.values()][0]);
    await call(sim(), `/teams/${team.id}/users/${userId}`, { method: "PUT", body: { role: "responder" } });
    sim().addUser({ name: "Audit Two" });
    await call(sim(), `/users/${userId}`, { method: "DELETE" });

    const pages: {
      records: { action: string; root_resource: { type: string }; method: { type: string } }[];
      next_cursor: string | null;
    }[] = [];
    let cursor = "";
    do {
      const res = await call(sim(), `/audit/records?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      pages.push(res.json);
      cursor = res.json.next_cursor ?? "";
    } while (cursor);
    const records = pages.flatMap((p) => p.records);
    expect(pages.map((p) => p.records.length)).toEqual([2, 2, 1]);
    expect(records.map((r) => `${r.action} ${r.root_resource.type}`)).toEqual([
      "delete user_reference",
      "create user_reference",
      "update team_reference",
      "update user_reference",
      "create user_reference",
    ]);
    expect(records[1]?.method.type).toBe("browser");
    expect(records[4]?.method.type).toBe("api_token");

    const teams = await call(sim(), "/audit/records?root_resource_types[]=teams");
    expect(teams.json.records).toHaveLength(1);
    const creates = await call(sim(), "/audit/records?actions[]=create&actions[]=delete");
    expect(creates.json.records).toHaveLength(3);
    expect((await call(sim(), "/audit/records?cursor=%%%")).status).toBe(400);
    expect((await call(sim(), "/audit/records?actions[]=rename")).status).toBe(400);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await call(sim(), `/audit/records?since=${future}`)).json.records).toEqual([]);
  });

  it("need the audit_records ability (402) and a directory reader (403)", async () => {
    expect((await call(sim(), "/audit/records", { key: sim().apiKeys.restrictedUser })).status).toBe(403);
    const abilities = [...sim().directory.abilities];
    sim().setAbilities(abilities.filter((a) => a !== "audit_records"));
    expect((await call(sim(), "/audit/records")).json.error.code).toBe(2014);
    sim().setAbilities(abilities);
  });
});

describe("reset", () => {
  const sim = useSimulator({ seed: 63, users: 30, teams: 4 });

  it("puts the account, its keys and its audit trail back as the seed made them", async () => {
    const before = await walk(sim(), "/users", "users");
    sim().addUser({ name: "Temporary" });
    sim().revokeKey(sim().apiKeys.readOnly);
    expect((await call(sim(), "/users", { key: sim().apiKeys.readOnly })).status).toBe(401);
    expect((await control(sim(), "POST", "/__sim/reset")).status).toBe(200);
    expect(await walk(sim(), "/users", "users")).toEqual(before);
    expect((await call(sim(), "/users", { key: sim().apiKeys.readOnly })).status).toBe(200);
    expect((await call(sim(), "/audit/records")).json.records).toEqual([]);
    expect((await call(sim(), "/users", { key: sim().apiKeys.revoked })).status).toBe(401);
  });
});
