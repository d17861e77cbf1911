/** Teams and membership over HTTP: members paging, membership writes (204), team writes, the teams ability. */
import { describe, expect, it } from "vitest";
import { must } from "../kit/test-helpers.ts";
import { call, useSimulator, walk } from "./test-helpers.ts";

describe("team members", () => {
  const sim = useSimulator({ seed: 31, users: 200, teams: 10 });
  const biggest = () =>
    must([...sim().directory.teams.values()].sort((a, b) => b.members.size - a.members.size)[0]);

  it("pages `{ user: <user_reference>, role }` entries, each member once, with more and total", async () => {
    const team = biggest();
    expect(team.members.size).toBeGreaterThan(10);
    const first = await call(sim(), `/teams/${team.id}/members?limit=7&total=true`);
    expect(first.json).toMatchObject({ limit: 7, offset: 0, more: true, total: team.members.size });
    expect(first.json.members[0]).toEqual({
      user: expect.objectContaining({
        type: "user_reference",
        id: expect.any(String),
        summary: expect.any(String),
      }),
      role: expect.stringMatching(/^(manager|responder|observer)$/),
    });
    const all = await walk(sim(), `/teams/${team.id}/members`, "members", 7);
    expect(all.map((m) => m.user.id)).toEqual([...team.members.keys()]);
    expect(all.map((m) => m.role)).toEqual([...team.members.values()]);
    expect((await call(sim(), "/teams/PNOSUCH/members")).status).toBe(404);
  });

  it("PUT /teams/{id}/users/{user_id} adds or re-roles (204, no body); DELETE removes (204)", async () => {
    const team = biggest();
    const outsider = must(
      [...sim().directory.users.values()].find((u) => !team.members.has(u.id) && u.role === "limited_user"),
    );
    const added = await call(sim(), `/teams/${team.id}/users/${outsider.id}`, {
      method: "PUT",
      body: { role: "responder" },
    });
    expect([added.status, added.json]).toEqual([204, undefined]);
    // RFC 9110: a 204 has no content, so no Content-Length or Content-Type either.
    expect([added.headers.get("content-length"), added.headers.get("content-type")]).toEqual([null, null]);
    const members = await walk(sim(), `/teams/${team.id}/members`, "members");
    expect(members.find((m) => m.user.id === outsider.id)?.role).toBe("responder");
    await call(sim(), `/teams/${team.id}/users/${outsider.id}`, {
      method: "PUT",
      body: { role: "observer" },
    });
    expect(team.members.get(outsider.id)).toBe("observer");
    const user = (await call(sim(), `/users/${outsider.id}`)).json.user;
    expect(user.teams.map((t: { id: string }) => t.id)).toContain(team.id);

    expect((await call(sim(), `/teams/${team.id}/users/${outsider.id}`, { method: "DELETE" })).status).toBe(
      204,
    );
    const after = await walk(sim(), `/teams/${team.id}/members`, "members");
    expect(after.some((m) => m.user.id === outsider.id)).toBe(false);
  });

  it("refuses a full stakeholder (400), an unknown role (400) and an unknown user (404)", async () => {
    const team = biggest();
    const stakeholder = must([...sim().directory.users.values()].find((u) => u.role === "read_only_user"));
    const res = await call(sim(), `/teams/${team.id}/users/${stakeholder.id}`, { method: "PUT", body: {} });
    expect(res.status).toBe(400);
    expect(team.members.has(stakeholder.id)).toBe(false);
    const someone = must([...sim().directory.users.values()].find((u) => u.role === "user"));
    expect(
      (await call(sim(), `/teams/${team.id}/users/${someone.id}`, { method: "PUT", body: { role: "boss" } }))
        .status,
    ).toBe(400);
    expect((await call(sim(), `/teams/${team.id}/users/PNOSUCH`, { method: "PUT", body: {} })).status).toBe(
      404,
    );
  });
});

describe("teams", () => {
  const sim = useSimulator({ seed: 32, users: 80, teams: 15 });

  it("lists by name with query; creates (201), renames, refuses a taken name, deletes (204)", async () => {
    const all = await walk(sim(), "/teams", "teams", 4);
    expect(all).toHaveLength(15);
    const someone = must(all[3]);
    const found = (await call(sim(), `/teams?query=${encodeURIComponent(someone.name.toUpperCase())}`)).json
      .teams;
    expect(found.map((t: { id: string }) => t.id)).toContain(someone.id);

    const created = await call(sim(), "/teams", {
      method: "POST",
      body: { team: { type: "team", name: "Night Watch" } },
    });
    expect(created.status).toBe(201);
    expect(created.json.team).toMatchObject({ type: "team", name: "Night Watch", default_role: "manager" });
    const id = created.json.team.id;
    const dup = await call(sim(), "/teams", { method: "POST", body: { team: { name: "night watch" } } });
    expect(dup.json.error.errors).toEqual(["Name has already been taken"]);
    const renamed = await call(sim(), `/teams/${id}`, {
      method: "PUT",
      body: { team: { name: "Day Watch" } },
    });
    expect(renamed.json.team.name).toBe("Day Watch");
    expect((await call(sim(), `/teams/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await call(sim(), `/teams/${id}`)).status).toBe(404);
  });

  it("a team still used by a schedule, policy or service cannot be deleted (400, code 6006)", async () => {
    const used = must(sim().ops.services[0]?.teamId);
    const res = await call(sim(), `/teams/${used}`, { method: "DELETE" });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ message: "Team has existing associations", code: 6006 });
    expect(sim().directory.teams.has(used)).toBe(true);
  });

  it("without the teams ability every team route is 402 (code 2014)", async () => {
    const team = must([...sim().directory.teams.values()][0]);
    sim().setAbilities(["read_only_users"]);
    try {
      for (const path of ["/teams", `/teams/${team.id}`, `/teams/${team.id}/members`]) {
        const res = await call(sim(), path);
        expect([path, res.status, res.json.error.code]).toEqual([path, 402, 2014]);
      }
      expect((await call(sim(), "/abilities/teams")).status).toBe(402);
    } finally {
      sim().setAbilities(["teams", "read_only_users", "audit_records"]);
    }
    expect((await call(sim(), "/abilities/teams")).status).toBe(204);
    expect((await call(sim(), "/abilities/flying")).status).toBe(404);
  });
});
