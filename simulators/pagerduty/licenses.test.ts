/** Licenses: counts that agree with allocations and roles, seats that move with writes, valid roles, full seats. */
import { describe, expect, it } from "vitest";
import { must } from "../kit/test-helpers.ts";
import { call, useSimulator, walk } from "./test-helpers.ts";

describe("licenses", () => {
  const sim = useSimulator({ seed: 41, users: 300, teams: 5 });
  const from = () => ({ From: sim().keyUsers.user.email });
  const licenses = async () => (await call(sim(), "/licenses")).json.licenses;

  it("current_value counts the allocations of each license, and every holder's role is one of its valid_roles", async () => {
    const list = await licenses();
    expect(list.map((l: { role_group: string }) => l.role_group).sort()).toEqual(["FullUser", "Stakeholder"]);
    const allocations = await walk(sim(), "/license_allocations", "license_allocations");
    expect(allocations).toHaveLength(300);
    const users = new Map((await walk(sim(), "/users", "users")).map((u) => [u.id, u]));
    for (const license of list) {
      const held = allocations.filter((a) => a.license.id === license.id);
      expect(license.current_value).toBe(held.length);
      expect(license.allocations_available).toBeGreaterThanOrEqual(0);
      for (const a of held) expect(license.valid_roles).toContain(users.get(a.user.id)?.role);
    }
    // Allocations and a user's own license carry no counts (those are only on /licenses).
    expect(allocations[0].license.current_value).toBeUndefined();
    const user = must(allocations[0]).user.id;
    const own = (await call(sim(), `/users/${user}/license`)).json.license;
    expect(own.id).toBe(allocations[0].license.id);
    expect(own.current_value).toBeUndefined();
  });

  it("creating a user takes a seat of the license for its role; deleting gives it back", async () => {
    const before = await licenses();
    const stakeholder = must(before.find((l: { role_group: string }) => l.role_group === "Stakeholder"));
    const created = await call(sim(), "/users", {
      method: "POST",
      headers: from(),
      body: { user: { name: "Read Only", email: "read.only@example.com", role: "read_only_limited_user" } },
    });
    expect(created.status).toBe(201);
    const after = must((await licenses()).find((l: { id: string }) => l.id === stakeholder.id));
    expect(after.current_value).toBe(stakeholder.current_value + 1);
    expect(after.allocations_available).toBe(stakeholder.allocations_available - 1);
    await call(sim(), `/users/${created.json.user.id}`, { method: "DELETE" });
    expect((await licenses()).find((l: { id: string }) => l.id === stakeholder.id)).toEqual(stakeholder);
  });

  it("a license whose valid_roles lack the role is a 400", async () => {
    const full = must((await licenses()).find((l: { role_group: string }) => l.role_group === "FullUser"));
    const res = await call(sim(), "/users", {
      method: "POST",
      headers: from(),
      body: {
        user: {
          name: "Mismatch",
          email: "mismatch@example.com",
          role: "read_only_user",
          license: { id: full.id, type: "license_reference" },
        },
      },
    });
    expect(res.status).toBe(400);
    expect(sim().directory.findUserByEmail("mismatch@example.com")).toBeUndefined();
  });
});

describe("a license without free seats", () => {
  const sim = useSimulator({ seed: 42, users: 50, teams: 2, seats: { stakeholder: 0 } });

  it("has allocations_available 0 and refuses a new holder with 402 (code 2019)", async () => {
    const stakeholder = (await call(sim(), "/licenses")).json.licenses.find(
      (l: { role_group: string }) => l.role_group === "Stakeholder",
    );
    expect(stakeholder.allocations_available).toBe(0);
    const res = await call(sim(), "/users", {
      method: "POST",
      headers: { From: sim().keyUsers.user.email },
      body: { user: { name: "One Too Many", email: "too.many@example.com", role: "read_only_user" } },
    });
    expect(res.status).toBe(402);
    expect(res.json.error.code).toBe(2019);
  });
});
