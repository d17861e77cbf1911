import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupSchema, licenseSchema, roleSchema, userSchema } from "../../src/core/models/index.ts";
import { testDatabases } from "../helpers/databases.ts";
import { type PagerdutyWorld, startPagerdutyWorld } from "../helpers/pagerduty-world.ts";

const base = "/unified/user-directory";
const uiRoleNames: Record<string, string> = {
  owner: "Account Owner",
  admin: "Global Admin",
  user: "Manager",
  limited_user: "Responder",
  observer: "Observer",
  read_only_user: "Stakeholder",
  read_only_limited_user: "Limited Stakeholder",
  restricted_access: "Restricted Access",
};

describe.each(testDatabases)("PagerDuty unified user directory on $name", (database) => {
  let world: PagerdutyWorld;
  let account: string;
  beforeAll(async () => {
    world = await startPagerdutyWorld({
      databaseUrl: await database.create(),
      us: { users: 180, teams: 9, seed: 5, rateLimit: 1200 },
    });
    account = await world.link(world.us.apiKeys.readOnly);
  });
  afterAll(() => world.close());

  async function walk(url: string): Promise<any[]> {
    const records: any[] = [];
    let cursor: string | null = null;
    do {
      const page = await world.get(`${url}${cursor ? `&next_cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      records.push(...page.body.result);
      cursor = page.body.next_cursor;
    } while (cursor);
    return records;
  }

  it("pages every user once into valid users mapped as PagerDuty describes them; fetch_all agrees", async () => {
    const paged = await walk(`${base}/users?integrated_account_id=${account}&limit=40`);
    const dir = world.us.directory;
    expect(paged).toHaveLength(dir.users.size);
    expect(new Set(paged.map((u) => u.id)).size).toBe(dir.users.size);
    for (const user of paged) {
      userSchema.parse(user);
      const raw = dir.users.get(user.id);
      if (!raw) throw new Error(`unknown user ${user.id}`);
      expect(user).toMatchObject({
        username: raw.email,
        emails: [{ email: raw.email, type: "work", is_primary: true }],
        name: raw.name,
        status: raw.invitationSent ? "invited" : "active",
        timezone: raw.timeZone,
        title: raw.jobTitle,
        roles: [{ id: raw.role, name: uiRoleNames[raw.role] }],
      });
      expect(`${user.first_name} ${user.last_name ?? ""}`.trim()).toBe(raw.name.trim().replace(/\s+/, " "));
      expect(user.avatar).toMatch(/^https:\/\//);
      expect(user.groups.map((g: { id: string }) => g.id).sort()).toEqual(
        dir
          .teamsOf(user.id)
          .map((t) => t.id)
          .sort(),
      );
    }
    expect(paged.some((u) => u.status === "invited")).toBe(true);

    const all = await world.get(`${base}/users?integrated_account_id=${account}&fetch_all=true`);
    expect(all.status).toBe(200);
    expect(all.body.result.map((u: { id: string }) => u.id).sort()).toEqual(paged.map((u) => u.id).sort());
  });

  it("gets a user with teams as groups and phone and SMS contact methods as phones", async () => {
    const raw = [...world.us.directory.users.values()].find(
      (u) =>
        u.contactMethods.some((c) => c.type !== "email_contact_method") &&
        world.us.directory.teamsOf(u.id).length > 0,
    );
    if (!raw) throw new Error("no user with a phone and a team");
    const res = await world.get(`${base}/users/${raw.id}?integrated_account_id=${account}`);
    expect(res.status).toBe(200);
    userSchema.parse(res.body);
    expect(res.body.phones).toEqual(
      raw.contactMethods
        .filter((c) => c.type !== "email_contact_method")
        .map((c) => ({
          number: `+${c.countryCode} ${c.address}`,
          type: c.type === "sms_contact_method" ? "sms" : "voice",
        })),
    );
    expect(res.body.groups).toEqual(
      world.us.directory.teamsOf(raw.id).map((t) => ({ id: t.id, name: t.name })),
    );
    const missing = await world.get(`${base}/users/PNOSUCH?integrated_account_id=${account}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: "not_found", remote_error: true });
  });

  it("lists teams as groups, with their members and team roles when asked", async () => {
    const plain = await walk(`${base}/groups?integrated_account_id=${account}&limit=4`);
    expect(plain.map((g) => g.id).sort()).toEqual([...world.us.directory.teams.keys()].sort());
    for (const group of plain) expect(group).not.toHaveProperty("members");

    const withMembers = await walk(`${base}/groups?integrated_account_id=${account}&include=members&limit=4`);
    for (const group of withMembers) {
      groupSchema.parse(group);
      const team = world.us.directory.teams.get(group.id);
      if (!team) throw new Error(`unknown team ${group.id}`);
      expect(group).toMatchObject({ name: team.name, description: team.description, group_type: "team" });
      expect(group.members.map((m: { id: string; role: string }) => [m.id, m.role])).toEqual([
        ...team.members,
      ]);
      // The members call includes the users: each member is named by the user's e-mail.
      for (const member of group.members as { id: string; username: string | null }[])
        expect(member.username).toBe(world.us.directory.users.get(member.id)?.email);
    }
    const one = withMembers.find((g) => g.members.length > 0);
    const got = await world.get(`${base}/groups/${one.id}?integrated_account_id=${account}`);
    expect(got.status).toBe(200);
    expect(got.body.members).toEqual(one.members);
  });

  it("filters users by group and by e-mail (exact, case-insensitive)", async () => {
    const team = [...world.us.directory.teams.values()].find((t) => t.members.size > 2);
    if (!team) throw new Error("no team with members");
    const members = await walk(`${base}/users?integrated_account_id=${account}&group_id=${team.id}&limit=5`);
    expect(members.map((u) => u.id).sort()).toEqual([...team.members.keys()].sort());

    const someone = world.us.directory.sortedUsers()[17];
    if (!someone) throw new Error("no user");
    const found = await walk(
      `${base}/users?integrated_account_id=${account}&email=${encodeURIComponent(someone.email.toUpperCase())}`,
    );
    expect(found.map((u) => u.id)).toEqual([someone.id]);
    const partial = await walk(
      `${base}/users?integrated_account_id=${account}&email=${encodeURIComponent(someone.email.slice(1))}`,
    );
    expect(partial).toEqual([]);
  });

  it("serves PagerDuty's 8 base roles, its licenses with their seats, and no organizations", async () => {
    const roles = await walk(`${base}/roles?integrated_account_id=${account}&limit=3`);
    expect(roles.map((r) => [r.id, r.name])).toEqual(Object.entries(uiRoleNames));
    for (const role of roles) expect(roleSchema.parse(role).type).toBe("builtin");
    const responder = await world.get(`${base}/roles/limited_user?integrated_account_id=${account}`);
    expect(responder.body).toMatchObject({ id: "limited_user", name: "Responder", type: "builtin" });
    expect((await world.get(`${base}/roles/boss?integrated_account_id=${account}`)).status).toBe(404);

    const licenses = await walk(`${base}/licenses?integrated_account_id=${account}`);
    const dir = world.us.directory;
    expect(licenses).toHaveLength(dir.licenses.size);
    for (const license of licenses) {
      licenseSchema.parse(license);
      const raw = dir.licenses.get(license.id);
      if (!raw) throw new Error(`unknown license ${license.id}`);
      expect(license).toMatchObject({
        name: raw.name,
        available_quantity: raw.seats,
        assigned_quantity: dir.seatsUsed(raw.id),
        is_paid: raw.roleGroup === "FullUser" ? true : null,
      });
    }
    const organizations = await world.get(`${base}/organizations?integrated_account_id=${account}`);
    expect(organizations.status).toBe(422);
    expect(organizations.body.code).toBe("unsupported_operation");
  });

  it("paces by the budget PagerDuty states, and reports what is left in ratelimit-* headers", async () => {
    const res = await world.get(`${base}/users?integrated_account_id=${account}&limit=1`);
    // 1,200 a minute as the simulator states it (less Roster's safety margin), not the documented 960.
    const limit = Number(res.headers["ratelimit-limit"]);
    expect(limit).toBeGreaterThan(960);
    expect(limit).toBeLessThanOrEqual(1200);
    expect(Number(res.headers["ratelimit-remaining"])).toBeLessThan(limit);
  });

  it("answers 403 insufficient_access when the key's user loses the right to list users", async () => {
    const admin = world.us.keyUsers.user;
    const userKeyAccount = await world.link(world.us.apiKeys.user);
    world.us.updateUser(admin.id, { role: "restricted_access" });
    try {
      const res = await world.get(`${base}/users?integrated_account_id=${userKeyAccount}`);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: "insufficient_access", remote_error: true });
      expect(res.body.message).toMatch(
        /^PagerDuty refused listing users \(403\): Access Denied: .*restricted_access/,
      );
    } finally {
      world.us.updateUser(admin.id, { role: "admin" });
    }
  });

  it("turns a revoked key into needs_reauth on the next call", async () => {
    const doomed = await world.link(world.us.apiKeys.user, "us", "tenant-revoked");
    world.us.revokeKey(world.us.apiKeys.user);
    const res = await world.get(`${base}/users?integrated_account_id=${doomed}`);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: "needs_reauth", remote_error: true });
    const after = await world.get(`/integrated-account/${doomed}`);
    expect(after.body.status).toBe("needs_reauth");
    expect((await world.get(`${base}/roles?integrated_account_id=${doomed}`)).body.code).toBe("needs_reauth");
  });
});
