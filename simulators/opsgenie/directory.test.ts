/** The generated directory: deterministic per seed, realistic in shape, and fast at 10,000 users. */
import { describe, expect, it } from "vitest";
import { emailLocalPart } from "../kit/names.ts";
import { must } from "../kit/test-helpers.ts";
import { generateDirectory } from "./directory-generator.ts";
import { startOpsgenieSimulator } from "./index.ts";
import { call } from "./test-helpers.ts";

const options = { seed: 5, users: 250, teams: 25, customRoles: 3, plan: "Enterprise" };

describe("generated directory", () => {
  it("is identical for the same seed and different for another", async () => {
    const a = await startOpsgenieSimulator({ seed: 5 });
    const b = await startOpsgenieSimulator({ seed: 5 });
    const c = await startOpsgenieSimulator({ seed: 6 });
    try {
      const page = async (sim: typeof a, path: string) => {
        const { took: _t, requestId: _r, ...rest } = (await call(sim, path)).json;
        return JSON.stringify(rest).replaceAll(sim.url, "");
      };
      expect(await page(a, "/v2/users?limit=100&offset=100")).toBe(
        await page(b, "/v2/users?limit=100&offset=100"),
      );
      const team = must([...a.directory.teams.values()][3]);
      expect(await page(a, `/v2/teams/${team.id}`)).toBe(await page(b, `/v2/teams/${team.id}`));
      expect(a.apiKeys).toEqual(b.apiKeys);
      expect(await page(a, "/v2/users?limit=100")).not.toBe(await page(c, "/v2/users?limit=100"));
      expect(a.apiKeys.full).not.toBe(c.apiKeys.full);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it("has exactly one Owner, a few Admins, mostly Users, Stakeholders, Observers and custom roles", () => {
    const users = [...generateDirectory(options).users.values()];
    const count = (name: string) => users.filter((u) => u.role.name === name).length;
    expect(count("Owner")).toBe(1);
    expect(count("Admin")).toBeGreaterThan(2);
    expect(count("User")).toBeGreaterThan(users.length / 2);
    expect(count("Stakeholder")).toBeGreaterThan(0);
    expect(count("Observer")).toBeGreaterThan(0);
    expect(users.some((u) => u.role.id !== u.role.name)).toBe(true);
    expect(users.some((u) => u.blocked)).toBe(true);
    expect(users.some((u) => !u.verified)).toBe(true);
  });

  it("usernames are unique lower-case e-mails; names include one-word and non-ASCII ones", () => {
    const users = [...generateDirectory(options).users.values()];
    const names = users.map((u) => u.username);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z0-9.]+@[a-z0-9.]+$/);
    expect(users.some((u) => !u.fullName.includes(" "))).toBe(true);
    expect(users.some((u) => [...u.fullName].some((ch) => ch.charCodeAt(0) > 127))).toBe(true);
    expect(users.some((u) => u.contacts.some((c) => c.method === "sms"))).toBe(true);
    expect(emailLocalPart("José Müller")).toBe("jose.muller");
    expect(emailLocalPart("Łukasz Wiśniewska")).toBe("lukasz.wisniewska");
  });

  it("teams vary in size (some empty), users sit in several teams, members have admin/user/custom roles", () => {
    const dir = generateDirectory({ ...options, teams: 60 });
    const teams = [...dir.teams.values()];
    expect(teams.some((t) => t.members.size === 0)).toBe(true);
    expect(Math.max(...teams.map((t) => t.members.size))).toBeGreaterThan(8);
    const roles = new Set(teams.flatMap((t) => [...t.members.values()]));
    expect(roles.has("admin") && roles.has("user")).toBe(true);
    expect(roles.size).toBeGreaterThan(2);
    expect([...dir.users.values()].some((u) => dir.teamsOfUser(u.id).length > 1)).toBe(true);
  });

  it("starts with 10,000 users and 1,000 teams", async () => {
    const sim = await startOpsgenieSimulator({ users: 10_000, teams: 1_000 });
    try {
      const users = await call(sim, "/v2/users?limit=1");
      expect(users.json.totalCount).toBe(10_000);
      expect((await call(sim, "/v2/teams")).json.data).toHaveLength(1_000);
      expect((await call(sim, "/v2/account")).json.data.userCount).toBe(10_000);
    } finally {
      await sim.close();
    }
  });
});
