/** Teams, team members, team roles, custom user roles and the account, through the HTTP API. */
import { describe, expect, it } from "vitest";
import { must, UUID } from "../kit/test-helpers.ts";
import { call, useSimulator } from "./test-helpers.ts";

describe("teams", () => {
  const sim = useSimulator({ seed: 41, users: 60, teams: 12 });

  it("list: every team, no paging, links{web,api} with the called host, no members", async () => {
    const res = await call(sim(), "/v2/teams");
    expect(res.json.data).toHaveLength(12);
    expect(res.json.paging).toBeUndefined();
    expect(res.json.totalCount).toBeUndefined();
    const t = res.json.data[0];
    expect(t.links.api).toBe(`${sim().url}/v2/teams/${t.id}`);
    expect(t.links.web).toMatch(/^https:\/\/app\.opsgenie\.com\/teams\/dashboard\//);
    expect(t.members).toBeUndefined();
  });

  it("get by id and by name (identifierType=name) gives members[{user{id,username},role}]", async () => {
    const team = must([...sim().directory.teams.values()].find((x) => x.members.size > 1));
    const byId = await call(sim(), `/v2/teams/${team.id}`);
    const byName = await call(sim(), `/v2/teams/${encodeURIComponent(team.name)}?identifierType=name`);
    expect(byName.json.data).toEqual(byId.json.data);
    expect(byId.json.data.members).toHaveLength(team.members.size);
    expect(byId.json.data.members[0]).toEqual({
      user: { id: expect.stringMatching(UUID), username: expect.any(String) },
      role: "admin",
    });
    expect((await call(sim(), `/v2/teams/${team.name}`)).status).toBe(404);
    expect((await call(sim(), `/v2/teams/${team.id}?identifierType=bogus`)).status).toBe(422);
  });

  it("create, duplicate name 409, add member (Added), remove member (Removed), PATCH, DELETE", async () => {
    const [u1, u2] = sim().directory.sortedUsers("username");
    const created = await call(sim(), "/v2/teams", {
      method: "POST",
      body: {
        name: "Zeta Team",
        description: "z",
        members: [{ user: { username: u1?.username }, role: "admin" }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      result: "Created",
      data: { id: expect.stringMatching(UUID), name: "Zeta Team" },
    });
    const id = created.json.data.id;
    const dup = await call(sim(), "/v2/teams", { method: "POST", body: { name: "zeta team" } });
    expect(dup.status).toBe(409);
    const added = await call(sim(), "/v2/teams/Zeta%20Team/members?teamIdentifierType=name", {
      method: "POST",
      body: { user: { id: u2?.id } },
    });
    expect(added.json.result).toBe("Added");
    let got = await call(sim(), `/v2/teams/${id}`);
    expect(got.json.data.members).toContainEqual({
      user: { id: u2?.id, username: u2?.username },
      role: "user",
    });
    expect((await call(sim(), `/v2/users/${u2?.id}/teams`)).json.data).toContainEqual({
      id,
      name: "Zeta Team",
    });
    const removed = await call(sim(), `/v2/teams/${id}/members/${u2?.username}`, { method: "DELETE" });
    expect(removed.json.result).toBe("Removed");
    expect((await call(sim(), `/v2/teams/${id}/members/${u2?.username}`, { method: "DELETE" })).status).toBe(
      404,
    );
    const patched = await call(sim(), `/v2/teams/${id}`, { method: "PATCH", body: { name: "Eta Team" } });
    expect(patched.json).toMatchObject({ result: "Updated", data: { id, name: "Eta Team" } });
    const deleted = await call(sim(), `/v2/teams/${id}`, { method: "DELETE" });
    expect(deleted.json.result).toBe("Deleted");
    got = await call(sim(), `/v2/teams/${id}`);
    expect(got.status).toBe(404);
  });

  it("422 on invalid team bodies and member roles", async () => {
    expect((await call(sim(), "/v2/teams", { method: "POST", body: {} })).json.errors.name).toBeTypeOf(
      "string",
    );
    const team = must([...sim().directory.teams.values()][0]);
    const user = must(sim().directory.sortedUsers("username")[5]);
    const bad = await call(sim(), `/v2/teams/${team.id}/members`, {
      method: "POST",
      body: { user: { id: user.id }, role: "overlord" },
    });
    expect(bad.status).toBe(422);
  });

  it("team roles: list, create, get by name; custom role usable as member role", async () => {
    const team = must([...sim().directory.teams.values()][1]);
    const created = await call(sim(), `/v2/teams/${team.id}/roles`, {
      method: "POST",
      body: { name: "Pager Captain", rights: [{ right: "manage-members", granted: true }] },
    });
    expect(created.status).toBe(201);
    const list = await call(sim(), `/v2/teams/${team.id}/roles`);
    expect(list.json.data.map((r: { name: string }) => r.name)).toContain("Pager Captain");
    const got = await call(sim(), `/v2/teams/${team.id}/roles/Pager%20Captain?identifierType=name`);
    expect(got.json.data.rights).toEqual([{ right: "manage-members", granted: true }]);
    const user = must(sim().directory.sortedUsers("username")[7]);
    const add = await call(sim(), `/v2/teams/${team.id}/members`, {
      method: "POST",
      body: { user: { id: user.id }, role: "pager captain" },
    });
    expect(add.status).toBe(200);
    expect(sim().directory.teams.get(team.id)?.members.get(user.id)).toBe("Pager Captain");
  });
});

describe("custom user roles and account", () => {
  const sim = useSimulator({ seed: 42, users: 30, customRoles: 3, plan: "Standard", maxUsers: 31 });

  it("/v2/roles lists custom roles only; get by id and name; create, PUT, delete", async () => {
    const list = await call(sim(), "/v2/roles");
    expect(list.json.data).toHaveLength(3);
    expect(list.json.data.map((r: { name: string }) => r.name)).not.toContain("Admin");
    const created = await call(sim(), "/v2/roles", {
      method: "POST",
      body: {
        name: "Night Shift",
        extendedRole: "observer",
        grantedRights: ["alert-action"],
        disallowedRights: [],
      },
    });
    expect(created.status).toBe(201);
    const byName = await call(sim(), "/v2/roles/Night%20Shift?identifierType=name");
    expect(byName.json.data).toEqual({
      id: created.json.data.id,
      name: "Night Shift",
      extendedRole: "observer",
      grantedRights: ["alert-action"],
      disallowedRights: [],
    });
    expect((await call(sim(), "/v2/roles", { method: "POST", body: { name: "night shift" } })).status).toBe(
      409,
    );
    expect(
      (await call(sim(), "/v2/roles", { method: "POST", body: { name: "X", extendedRole: "admin" } })).status,
    ).toBe(422);
    const put = await call(sim(), `/v2/roles/${created.json.data.id}`, {
      method: "PUT",
      body: { name: "Day Shift" },
    });
    expect(put.json).toMatchObject({ result: "Updated", data: { name: "Day Shift" } });
    expect(
      (await call(sim(), `/v2/roles/${created.json.data.id}`, { method: "PATCH", body: {} })).status,
    ).toBe(405);
    expect((await call(sim(), `/v2/roles/${created.json.data.id}`, { method: "DELETE" })).json.result).toBe(
      "Deleted",
    );
    expect((await call(sim(), `/v2/roles/${created.json.data.id}`)).status).toBe(404);
  });

  it("account: plan name/maxUserCount/isYearly; userCount tracks creates and the plan limit (402)", async () => {
    const acc = await call(sim(), "/v2/account");
    expect(acc.json.data).toEqual({
      name: expect.any(String),
      userCount: 30,
      plan: { name: "Standard", maxUserCount: 31, isYearly: true },
    });
    const body = (n: number) => ({
      username: `seat${n}@example.com`,
      fullName: `Seat ${n}`,
      role: { name: "user" },
    });
    expect((await call(sim(), "/v2/users", { method: "POST", body: body(1) })).status).toBe(201);
    expect((await call(sim(), "/v2/users", { method: "POST", body: body(2) })).status).toBe(402);
    expect((await call(sim(), "/v2/account")).json.data.userCount).toBe(31);
  });
});
