/** Users over HTTP: classic paging and its ceiling, query, team_ids[], include[], gets and writes. */
import { describe, expect, it } from "vitest";
import { must } from "../kit/test-helpers.ts";
import { call, useSimulator, walk } from "./test-helpers.ts";

describe("listing users", () => {
  const sim = useSimulator({ seed: 21, users: 240, teams: 12 });

  it("pages of 25 by default, limit capped to 100, total only with total=true, more until the end", async () => {
    const first = await call(sim(), "/users");
    expect(first.json).toMatchObject({ limit: 25, offset: 0, more: true, total: null });
    expect(first.json.users).toHaveLength(25);
    const big = await call(sim(), "/users?limit=500&total=true");
    expect(big.json).toMatchObject({ limit: 100, more: true, total: 240 });
    expect(big.json.users).toHaveLength(100);
    const last = await call(sim(), "/users?limit=100&offset=200");
    expect(last.json).toMatchObject({ more: false, offset: 200 });
    expect(last.json.users).toHaveLength(40);
  });

  it("walking the pages yields every user exactly once, in name order", async () => {
    const users = await walk(sim(), "/users", "users", 33);
    expect(users).toHaveLength(240);
    expect(new Set(users.map((u) => u.id)).size).toBe(240);
    const names = users.map((u) => u.name.toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it("offset + limit past 10,000 is a 400; up to it is served; bad numbers are 400s", async () => {
    expect((await call(sim(), "/users?offset=9900&limit=100")).json).toMatchObject({
      users: [],
      more: false,
    });
    expect((await call(sim(), "/users?offset=9975")).status).toBe(200);
    for (const q of [
      "offset=9901&limit=100",
      "offset=9976",
      "offset=10000&limit=1",
      "limit=0",
      "limit=ten",
      "offset=-1",
    ]) {
      const res = await call(sim(), `/users?${q}`);
      expect([q, res.status, res.json.error.code]).toEqual([q, 400, 2001]);
    }
    expect((await call(sim(), "/users?offset=9901&limit=100")).json.error.errors).toEqual([
      "Offset must be less than 10000.",
    ]);
  });

  it("query matches a case-insensitive substring of the name", async () => {
    const someone = must(sim().directory.sortedUsers()[17]);
    const fragment = someone.name.slice(1, 4);
    const mixed = fragment.toUpperCase() === fragment ? fragment.toLowerCase() : fragment.toUpperCase();
    const found = await walk(sim(), `/users?query=${encodeURIComponent(mixed)}`, "users");
    expect(found.map((u) => u.id)).toContain(someone.id);
    expect(found.every((u) => u.name.toLowerCase().includes(fragment.toLowerCase()))).toBe(true);
    const expected = [...sim().directory.users.values()].filter((u) =>
      u.name.toLowerCase().includes(fragment.toLowerCase()),
    );
    expect(found).toHaveLength(expected.length);
    expect((await call(sim(), "/users?query=zzqqxx")).json.users).toEqual([]);
  });

  it("team_ids[] keeps members of any of the teams", async () => {
    const [a, b] = [...sim().directory.teams.values()];
    const found = await walk(sim(), `/users?team_ids[]=${a?.id}&team_ids[]=${b?.id}`, "users");
    const members = new Set([...(a?.members.keys() ?? []), ...(b?.members.keys() ?? [])]);
    expect(new Set(found.map((u) => u.id))).toEqual(members);
    expect(found.every((u) => u.teams.some((t: { id: string }) => t.id === a?.id || t.id === b?.id))).toBe(
      true,
    );
  });

  it("include[] swaps references for full teams, contact methods and notification rules", async () => {
    const plain = (await call(sim(), "/users?limit=5")).json.users[0];
    expect(plain.contact_methods[0].type).toMatch(/_reference$/);
    expect(plain.notification_rules[0].type).toBe("assignment_notification_rule_reference");
    const member = must([...sim().directory.teams.values()][0]?.members.keys().next().value);
    const res = await call(
      sim(),
      `/users/${member}?include[]=teams&include[]=contact_methods&include[]=notification_rules`,
    );
    const user = res.json.user;
    expect(user.teams[0]).toMatchObject({
      type: "team",
      name: expect.any(String),
      default_role: expect.any(String),
    });
    expect(user.contact_methods[0]).toMatchObject({
      type: "email_contact_method",
      label: "Default",
      address: user.email,
    });
    expect(user.notification_rules[0]).toMatchObject({
      type: "assignment_notification_rule",
      urgency: "high",
    });
  });

  it("a user by id, its contact methods and rules; an unknown id is 404 code 2100", async () => {
    const user = must(sim().directory.sortedUsers()[3]);
    expect((await call(sim(), `/users/${user.id}`)).json.user).toMatchObject({
      id: user.id,
      type: "user",
      email: user.email,
    });
    const methods = (await call(sim(), `/users/${user.id}/contact_methods`)).json.contact_methods;
    expect(methods.map((m: { id: string }) => m.id)).toEqual(user.contactMethods.map((c) => c.id));
    const rules = (await call(sim(), `/users/${user.id}/notification_rules?include[]=contact_methods`)).json;
    expect(rules.notification_rules[0].contact_method.address).toBe(user.email);
    expect((await call(sim(), "/users/PNOSUCH")).json).toEqual({
      error: { message: "Not Found", code: 2100 },
    });
  });
});

describe("writing users", () => {
  const sim = useSimulator({ seed: 22, users: 60, teams: 4 });
  const from = () => ({ From: sim().keyUsers.user.email });

  it("POST lists every invalid field at once; a taken e-mail is refused", async () => {
    const bad = await call(sim(), "/users", {
      method: "POST",
      headers: from(),
      body: { user: { role: "wizard" } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.errors).toHaveLength(3);
    const taken = must(sim().directory.sortedUsers()[0]).email.toUpperCase();
    const dup = await call(sim(), "/users", {
      method: "POST",
      headers: from(),
      body: { user: { name: "Dup", email: taken } },
    });
    expect(dup.json.error.errors).toEqual(["Email has already been taken"]);
    const notWrapped = await call(sim(), "/users", {
      method: "POST",
      headers: from(),
      body: { name: "X", email: "x@example.com" },
    });
    expect(notWrapped.status).toBe(400);
  });

  it("POST creates (201, wrapped), PUT updates and moves the license with the role, DELETE is 204 then 404", async () => {
    const created = await call(sim(), "/users", {
      method: "POST",
      headers: from(),
      body: {
        user: {
          type: "user",
          name: "Zoë Kowalski",
          email: "zoe.k@example.com",
          job_title: "SRE",
          time_zone: "Europe/Warsaw",
        },
      },
    });
    expect(created.status).toBe(201);
    const id = created.json.user.id;
    expect(created.json.user).toMatchObject({
      name: "Zoë Kowalski",
      role: "user",
      time_zone: "Europe/Warsaw",
      job_title: "SRE",
    });
    expect((await call(sim(), "/users?query=zoë")).json.users.map((u: { id: string }) => u.id)).toEqual([id]);

    const updated = await call(sim(), `/users/${id}`, {
      method: "PUT",
      body: { user: { name: "Zoë K.", role: "read_only_user" } },
    });
    expect(updated.json.user).toMatchObject({ id, name: "Zoë K.", role: "read_only_user" });
    expect((await call(sim(), `/users/${id}/license`)).json.license.role_group).toBe("Stakeholder");

    const deleted = await call(sim(), `/users/${id}`, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect(deleted.json).toBeUndefined();
    expect((await call(sim(), `/users/${id}`)).status).toBe(404);
  });

  it("the owner cannot be deleted or demoted, nor a user with an open incident deleted", async () => {
    const owner = must([...sim().directory.users.values()].find((u) => u.role === "owner"));
    expect((await call(sim(), `/users/${owner.id}`, { method: "DELETE" })).status).toBe(400);
    expect(
      (await call(sim(), `/users/${owner.id}`, { method: "PUT", body: { user: { role: "admin" } } })).status,
    ).toBe(400);
    const busy = must(sim().ops.incidents.find((i) => i.status === "triggered")?.assigneeId);
    const res = await call(sim(), `/users/${busy}`, { method: "DELETE" });
    expect(res.status).toBe(400);
    expect(sim().directory.users.has(busy)).toBe(true);
  });
});
