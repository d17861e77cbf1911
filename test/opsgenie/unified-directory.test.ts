import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  groupSchema,
  licenseSchema,
  organizationSchema,
  roleSchema,
  userSchema,
} from "../../src/core/models/index.ts";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";

const base = "/unified/user-directory";

describe.each(testDatabases)("Opsgenie unified user directory on $name", (database) => {
  let world: OpsgenieWorld;
  let account: string;
  beforeAll(async () => {
    world = await startOpsgenieWorld({ databaseUrl: await database.create(), us: { users: 250, teams: 12 } });
    account = await world.link(world.us.apiKeys.full);
  });
  afterAll(() => world.close());

  async function walk(url: string): Promise<any[]> {
    const records: any[] = [];
    let cursor: string | null = null;
    do {
      const page = await world.get(`${url}${cursor ? `&next_cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      expect(page.body.result_count).toBe(page.body.result.length);
      records.push(...page.body.result);
      cursor = page.body.next_cursor;
    } while (cursor);
    return records;
  }

  it("pages 250 users with limit=100 into 250 distinct valid users; fetch_all gives the same set", async () => {
    const paged = await walk(`${base}/users?integrated_account_id=${account}&limit=100`);
    expect(paged).toHaveLength(250);
    expect(new Set(paged.map((u) => u.id)).size).toBe(250);
    for (const user of paged) userSchema.parse(user);

    const all = await world.get(`${base}/users?integrated_account_id=${account}&fetch_all=true`);
    expect(all.status).toBe(200);
    expect(all.body.next_cursor).toBeNull();
    expect(new Set(all.body.result.map((u: any) => u.id))).toEqual(new Set(paged.map((u) => u.id)));
  });

  it("maps users as Opsgenie describes them", async () => {
    const users = (await world.get(`${base}/users?integrated_account_id=${account}&fetch_all=true`)).body
      .result;
    for (const user of users) {
      const raw = world.us.directory.findUser(user.id);
      expect(raw, user.id).toBeDefined();
      if (!raw) continue;
      expect(user.username).toBe(raw.username);
      expect(user.emails).toEqual([{ email: raw.username, type: "work", is_primary: true }]);
      expect(user.name).toBe(raw.fullName);
      const [first, ...rest] = raw.fullName.trim().split(/\s+/);
      expect(user.first_name).toBe(first);
      expect(user.last_name ?? null).toBe(
        rest.length
          ? raw.fullName
              .trim()
              .slice((first ?? "").length)
              .trim()
          : null,
      );
      expect(user.status).toBe(raw.blocked ? "inactive" : raw.verified ? "active" : "invited");
      expect(user.is_email_verified).toBe(raw.verified);
      expect(user.roles).toEqual([{ id: raw.role.id, name: raw.role.name }]);
      expect(user.timezone).toBe(raw.timeZone);
      expect(user.remote_data.id).toBe(raw.id);
    }
    const statuses = new Set(users.map((u: any) => u.status));
    expect(statuses).toEqual(new Set(["active", "inactive", "invited"]));
    expect(users.some((u: any) => u.last_name === null)).toBe(true);
  });

  it("gets a user with the user's teams as groups and sms/voice contacts as phones", async () => {
    const raw = [...world.us.directory.users.values()].find(
      (u) =>
        world.us.directory.teamsOfUser(u.id).length > 1 &&
        u.contacts.some((c) => c.method === "sms" || c.method === "voice"),
    );
    expect(raw).toBeDefined();
    if (!raw) return;
    const res = await world.get(`${base}/users/${raw.id}?integrated_account_id=${account}`);
    expect(res.status).toBe(200);
    userSchema.parse(res.body);
    const teams = world.us.directory.teamsOfUser(raw.id).map((t) => ({ id: t.id, name: t.name }));
    expect(new Set(res.body.groups.map((g: any) => g.id))).toEqual(new Set(teams.map((t) => t.id)));
    const phones = raw.contacts.filter((c) => c.method === "sms" || c.method === "voice").map((c) => c.to);
    expect(res.body.phones.map((p: any) => p.number).sort()).toEqual(phones.sort());
    const missing = await world.get(
      `${base}/users/00000000-0000-4000-8000-000000000000?integrated_account_id=${account}`,
    );
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: "not_found", remote_error: true });
  });

  it("lists groups with members matching the simulator's teams", async () => {
    const groups = await walk(`${base}/groups?integrated_account_id=${account}&include=members&limit=5`);
    expect(groups).toHaveLength(world.us.directory.teams.size);
    for (const group of groups) {
      groupSchema.parse(group);
      expect(group.group_type).toBe("team");
      const team = world.us.directory.teams.get(group.id);
      expect(team?.name).toBe(group.name);
      const expected = [...(team?.members ?? new Map()).entries()]
        .map(([id, role]) => `${id}:${role}`)
        .sort();
      expect(group.members.map((m: any) => `${m.id}:${m.role}`).sort()).toEqual(expected);
    }
    const plain = (await world.get(`${base}/groups?integrated_account_id=${account}&limit=3`)).body.result;
    expect(plain[0].members).toBeUndefined();
    const one = await world.get(`${base}/groups/${groups[0].id}?integrated_account_id=${account}`);
    expect(one.body.members).toEqual(groups[0].members);
  });

  it("filters users by group and by e-mail", async () => {
    const team = [...world.us.directory.teams.values()].find((t) => t.members.size > 3);
    expect(team).toBeDefined();
    const members = await walk(`${base}/users?integrated_account_id=${account}&group_id=${team?.id}&limit=2`);
    expect(new Set(members.map((u) => u.id))).toEqual(new Set(team?.members.keys()));
    const someone = members[0];
    const byEmail = await world.get(
      `${base}/users?integrated_account_id=${account}&email=${encodeURIComponent(someone.username.toUpperCase())}`,
    );
    expect(byEmail.body.result.map((u: any) => u.id)).toEqual([someone.id]);
  });

  it("lists built-in and custom roles, the plan's license and the organization", async () => {
    const roles = await walk(`${base}/roles?integrated_account_id=${account}&limit=3`);
    for (const role of roles) roleSchema.parse(role);
    expect(roles.filter((r) => r.type === "builtin").map((r) => r.name)).toEqual([
      "Owner",
      "Admin",
      "User",
      "Observer",
      "Stakeholder",
    ]);
    const custom = [...world.us.directory.customRoles.values()];
    expect(
      roles
        .filter((r) => r.type === "custom")
        .map((r) => r.id)
        .sort(),
    ).toEqual(custom.map((r) => r.id).sort());
    const withRights = roles.find((r) => r.type === "custom");
    expect(withRights.permissions).toEqual(world.us.directory.customRoles.get(withRights.id)?.grantedRights);

    const [license] = (await world.get(`${base}/licenses?integrated_account_id=${account}`)).body.result;
    licenseSchema.parse(license);
    expect(license).toMatchObject({
      assigned_quantity: world.us.directory.users.size,
      available_quantity: world.us.directory.plan.maxUserCount,
      is_paid: true,
    });
    const [organization] = (await world.get(`${base}/organizations?integrated_account_id=${account}`)).body
      .result;
    organizationSchema.parse(organization);
    expect(organization.name).toBe(world.us.directory.accountName);
  });

  it("reports the account's remaining provider budget in ratelimit-* headers", async () => {
    const first = await world.get(`${base}/users?integrated_account_id=${account}&limit=5`);
    const limit = Number(first.headers["ratelimit-limit"]);
    const remaining = Number(first.headers["ratelimit-remaining"]);
    // The simulator advertises 25/s and 1000/min; Roster paces a little under that.
    expect(limit).toBeGreaterThan(0);
    expect(limit).toBeLessThanOrEqual(1000);
    expect(remaining).toBeLessThan(limit);
    expect(Number(first.headers["ratelimit-reset"])).toBeGreaterThanOrEqual(0);
    const proxied = await world.get(`/proxy/account?integrated_account_id=${account}`);
    expect(proxied.headers["ratelimit-limit"]).toBeDefined();
  });

  it("shapes records on request: ignore_remote_data and response_format=raw", async () => {
    const lean = await world.get(
      `${base}/users?integrated_account_id=${account}&limit=2&ignore_remote_data=true`,
    );
    expect(lean.body.result[0].remote_data).toBeUndefined();
    const raw = await world.get(`${base}/users?integrated_account_id=${account}&limit=2&response_format=raw`);
    expect(raw.body.result[0]).toHaveProperty("fullName");
    expect(raw.body.result[0]).not.toHaveProperty("first_name");
  });
});
