/** The seeded account: fast and light at 12,000 users, deterministic, and shaped like a real one. */
import { describe, expect, it } from "vitest";
import { generateDirectory } from "./directory-generator.ts";
import { startPagerdutySimulator } from "./index.ts";
import { call } from "./test-helpers.ts";

const WEB = "https://acme.pagerduty.com";

describe("seeded account", () => {
  it("starts with 12,000 users and 500 teams in under 2 s, and the last page before the ceiling is served", async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const sim = await startPagerdutySimulator({ seed: 5, users: 12_000, teams: 500 });
    const elapsed = performance.now() - started;
    try {
      expect(elapsed).toBeLessThan(2000);
      // Records keep only what cannot be derived: well under 10 KB per user, indexes included.
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(120 * 1024 * 1024);
      const last = await call(sim, "/users?offset=9900&limit=100&total=true");
      expect(last.json).toMatchObject({ total: 12_000, more: true });
      expect(last.json.users).toHaveLength(100);
      expect((await call(sim, "/users?offset=9901&limit=100")).status).toBe(400);
    } finally {
      await sim.close();
    }
  });

  it("is deterministic per seed", () => {
    const a = generateDirectory({ seed: 3, users: 200, teams: 10, webUrl: WEB });
    const b = generateDirectory({ seed: 3, users: 200, teams: 10, webUrl: WEB });
    const c = generateDirectory({ seed: 4, users: 200, teams: 10, webUrl: WEB });
    expect([...b.users.values()]).toEqual([...a.users.values()]);
    expect([...b.teams.values()]).toEqual([...a.teams.values()]);
    expect([...c.users.values()].map((u) => u.email)).not.toEqual([...a.users.values()].map((u) => u.email));
  });

  it("has one owner, a realistic role mix, pending invitations, phones, and ~20-member teams without full stakeholders", () => {
    const dir = generateDirectory({ seed: 9, users: 3000, teams: 100, webUrl: WEB });
    const users = [...dir.users.values()];
    const count = (role: string) => users.filter((u) => u.role === role).length;
    expect(count("owner")).toBe(1);
    for (const role of [
      "admin",
      "user",
      "limited_user",
      "observer",
      "read_only_user",
      "read_only_limited_user",
      "restricted_access",
    ])
      expect(count(role)).toBeGreaterThan(0);
    expect(count("limited_user")).toBeGreaterThan(count("user"));
    const invited = users.filter((u) => u.invitationSent).length / users.length;
    expect(invited).toBeGreaterThan(0.02);
    expect(invited).toBeLessThan(0.1);
    expect(users.some((u) => u.contactMethods.some((c) => c.type === "phone_contact_method"))).toBe(true);
    expect(new Set(users.map((u) => u.email.toLowerCase())).size).toBe(users.length);

    const teams = [...dir.teams.values()];
    const sizes = teams.map((t) => t.members.size);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(15);
    expect(mean).toBeLessThan(25);
    const roles = teams.flatMap((t) => [...t.members.entries()]);
    expect(new Set(roles.map(([, r]) => r))).toEqual(new Set(["manager", "responder", "observer"]));
    expect(roles.some(([id]) => dir.users.get(id)?.role === "read_only_user")).toBe(false);
  });

  it("allocates every user a license of their role, within the seats bought", () => {
    const dir = generateDirectory({ seed: 10, users: 500, teams: 5, webUrl: WEB });
    for (const user of dir.users.values())
      expect(dir.licenses.get(user.licenseId)?.validRoles).toContain(user.role);
    for (const license of dir.licenses.values()) {
      const holders = [...dir.users.values()].filter((u) => u.licenseId === license.id).length;
      expect(dir.seatsUsed(license.id)).toBe(holders);
      expect(dir.seatsFree(license)).toBe(license.seats - holders);
      expect(dir.seatsFree(license)).toBeGreaterThanOrEqual(5);
    }
  });

  it("needs at least 3 users (the owner and the users behind the two user keys)", () => {
    expect(() => generateDirectory({ seed: 1, users: 2, teams: 0, webUrl: WEB })).toThrow(/at least 3 users/);
  });
});
