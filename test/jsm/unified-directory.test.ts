import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupSchema, licenseSchema, roleSchema, userSchema } from "../../src/core/models/index.ts";
import { testDatabases } from "../helpers/databases.ts";
import { type JsmWorld, startJsmWorld } from "../helpers/jsm-world.ts";

const base = "/unified/user-directory";

describe.each(testDatabases)("JSM unified user directory on $name", (database) => {
  let world: JsmWorld;
  let plain: string;
  let withAdminKey: string;
  beforeAll(async () => {
    world = await startJsmWorld({
      databaseUrl: await database.create(),
      sim: { users: 60, teams: 6, seed: 3 },
    });
    plain = await world.link(false);
    withAdminKey = await world.link(true);
  });
  afterAll(() => world.close());

  async function walk(url: string): Promise<{ records: any[]; warnings: any[] }> {
    const records: any[] = [];
    const warnings: any[] = [];
    let cursor: string | null = null;
    do {
      const page = await world.get(`${url}${cursor ? `&next_cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      records.push(...page.body.result);
      warnings.push(...(page.body.warnings ?? []));
      cursor = page.body.next_cursor;
    } while (cursor);
    return { records, warnings };
  }

  const people = () => world.sim.directory.list().filter((a) => a.accountType === "atlassian");

  it("pages every person (no apps or customers) once, with a field_hidden warning for each hidden e-mail", async () => {
    const { records, warnings } = await walk(`${base}/users?integrated_account_id=${plain}&limit=7`);
    const expected = people();
    expect(records.map((u) => u.id).sort()).toEqual(expected.map((a) => a.accountId).sort());
    const hidden = expected.filter((a) => !a.emailVisible || !a.email);
    expect(hidden.length).toBeGreaterThan(0);
    for (const user of records) {
      userSchema.parse(user);
      const raw = world.sim.directory.accounts.get(user.id);
      if (!raw) throw new Error(`unknown user ${user.id}`);
      expect(user).toMatchObject({
        first_name: null,
        last_name: null,
        status: raw.active && !raw.erased ? "active" : "inactive",
      });
      if (raw.emailVisible && raw.email) {
        expect(user.emails).toEqual([{ email: raw.email, type: "work", is_primary: true }]);
        expect(user.username).toBe(raw.email);
      } else {
        expect(user.emails).toBeUndefined();
        expect(user.username).toBeNull();
      }
      if (raw.locale) expect(user.languages).toEqual([raw.locale.replace("_", "-")]);
    }
    expect(warnings.map((w) => w.id).sort()).toEqual(hidden.map((a) => a.accountId).sort());
    for (const w of warnings) {
      expect(w).toMatchObject({ code: "field_hidden", resource: "users" });
      expect(w.message).toMatch(/has no e-mail.*add an organization admin API key/);
    }
  });

  it("fills hidden e-mails of managed accounts from the org admin API, and warns only for the others", async () => {
    const { records, warnings } = await walk(`${base}/users?integrated_account_id=${withAdminKey}&limit=50`);
    const stillHidden = people().filter((a) => (!a.emailVisible || !a.email) && !(a.managed && a.email));
    const filled = people().filter((a) => !a.emailVisible && a.managed && a.email);
    expect(filled.length).toBeGreaterThan(0);
    for (const a of filled) {
      const user = records.find((u) => u.id === a.accountId);
      expect(user?.emails).toEqual([{ email: a.email, type: "work", is_primary: true }]);
    }
    expect(warnings.map((w) => w.id).sort()).toEqual(stillHidden.map((a) => a.accountId).sort());
  });

  it("filters users by e-mail, case-insensitively, hidden e-mails included", async () => {
    const visible = people().find((a) => a.emailVisible && a.email && a.active);
    const hidden = people().find((a) => !a.emailVisible && a.email && !a.erased);
    if (!visible?.email || !hidden?.email) throw new Error("seed lacks a visible or a hidden e-mail");
    const byEmail = (email: string, id = plain) =>
      walk(`${base}/users?integrated_account_id=${id}&email=${encodeURIComponent(email)}`);
    expect((await byEmail(visible.email.toUpperCase())).records.map((u) => u.id)).toEqual([
      visible.accountId,
    ]);
    const plainHidden = await byEmail(hidden.email);
    expect(plainHidden.records.map((u) => u.id)).toEqual([hidden.accountId]);
    expect(plainHidden.warnings).toEqual([
      expect.objectContaining({ code: "field_hidden", id: hidden.accountId }),
    ]);
    expect((await byEmail("nobody@nowhere.example")).records).toEqual([]);
    // A display-name match is not an e-mail match.
    expect((await byEmail(visible.displayName.split(" ")[0] ?? "x")).records).toEqual([]);
  });

  it("filters users by team: the team's members who are people", async () => {
    const team = [...world.sim.directory.teams.values()].find((t) => t.ops && t.members.length > 2);
    if (!team) throw new Error("no team with members");
    const { records } = await walk(
      `${base}/users?integrated_account_id=${plain}&group_id=${team.teamId}&limit=2`,
    );
    const expected = team.members.filter(
      (id) => world.sim.directory.accounts.get(id)?.accountType === "atlassian",
    );
    expect(records.map((u) => u.id)).toEqual(expected);
    for (const user of records) userSchema.parse(user);
  });

  it("gets one user; an unknown id or an account that is not a person is a 404", async () => {
    const person = people()[0];
    if (!person) throw new Error("no people");
    const res = await world.get(
      `${base}/users/${encodeURIComponent(person.accountId)}?integrated_account_id=${plain}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.id).toBe(person.accountId);
    const missing = await world.get(`${base}/users/557058:nobody?integrated_account_id=${plain}`);
    expect(missing.status).toBe(404);
    // An app or portal customer is not served by the list, nor by a get.
    const app = world.sim.directory.list().find((a) => a.accountType !== "atlassian");
    if (!app) throw new Error("no app account");
    const notPerson = await world.get(
      `${base}/users/${encodeURIComponent(app.accountId)}?integrated_account_id=${plain}`,
    );
    expect(notPerson.status).toBe(404);
    expect(notPerson.body.code).toBe("not_found");
  });

  it("lists the ops-enabled teams only, with descriptions and members (usernames from the admin API)", async () => {
    const { records } = await walk(
      `${base}/groups?integrated_account_id=${withAdminKey}&include=members&limit=2`,
    );
    const ops = [...world.sim.directory.teams.values()].filter((t) => t.ops);
    expect(ops.length).toBeLessThan(world.sim.directory.teams.size);
    expect(records.map((g) => g.id).sort()).toEqual(ops.map((t) => t.teamId).sort());
    for (const group of records) {
      groupSchema.parse(group);
      const team = world.sim.directory.teams.get(group.id);
      expect(group).toMatchObject({
        name: team?.displayName,
        description: team?.description || null,
        group_type: "team",
      });
      expect(group.members.map((m: any) => m.id)).toEqual(team?.members);
      for (const m of group.members) {
        const account = world.sim.directory.accounts.get(m.id);
        const known = account?.emailVisible ? account.email : account?.managed ? account.email : null;
        expect(m.role).toBeNull();
        expect(m.username, m.id).toBe(known ?? null);
      }
    }
    const one = await world.get(`${base}/groups/${ops[0]?.teamId}?integrated_account_id=${plain}`);
    expect(one.status).toBe(200);
    expect(one.body.members.map((m: any) => m.id)).toEqual(ops[0]?.members);
    // Without the admin key, only e-mails Jira shows name members.
    for (const m of one.body.members) {
      const account = world.sim.directory.accounts.get(m.id);
      expect(m.username, m.id).toBe(account?.emailVisible ? account.email : null);
    }
  });

  it("serves the built-in roles and the custom global roles with their granted rights", async () => {
    const { records } = await walk(`${base}/roles?integrated_account_id=${plain}&limit=3`);
    for (const role of records) roleSchema.parse(role);
    expect(records.filter((r) => r.type === "builtin").map((r) => r.name)).toEqual([
      "Operations global admin",
      "User",
      "Agent",
      "Stakeholder",
      "Product admin",
    ]);
    const custom = records.filter((r) => r.type === "custom");
    expect(custom.map((r) => r.id).sort()).toEqual(world.sim.directory.roles.map((r) => r.id).sort());
    for (const role of world.sim.directory.roles) {
      expect(custom.find((r) => r.id === role.id)).toMatchObject({
        name: role.name,
        permissions: role.grantedRights,
      });
    }
    const first = world.sim.directory.roles[0];
    const one = await world.get(`${base}/roles/${first?.id}?integrated_account_id=${plain}`);
    expect(one.body).toMatchObject({ id: first?.id, type: "custom", permissions: first?.grantedRights });
  });

  it("serves the agent seats as the license and the site as the organization", async () => {
    const lic = await world.get(`${base}/licenses?integrated_account_id=${plain}`);
    expect(lic.status).toBe(200);
    const [license] = lic.body.result;
    licenseSchema.parse(license);
    expect(license).toMatchObject({
      id: "jira-servicedesk",
      available_quantity: world.sim.directory.licence.seats,
      assigned_quantity: world.sim.directory.agentCount(),
      is_paid: null,
    });
    const org = await world.get(`${base}/organizations?integrated_account_id=${plain}`);
    expect(org.body.result).toEqual([
      expect.objectContaining({ id: world.sim.cloudId, name: world.sim.site, pricing_plan: null }),
    ]);
  });

  it("proxies JSM Ops teams and roles with Roster's own cloud id, and /custom on a named host only", async () => {
    const teams = await world.get(`/proxy/teams?integrated_account_id=${plain}&cloud_id=someone-else`);
    expect(teams.status, JSON.stringify(teams.body)).toBe(200);
    expect(teams.body.result.length).toBe(
      [...world.sim.directory.teams.values()].filter((t) => t.ops).length,
    );
    const users = await world.get(`/proxy/users?integrated_account_id=${plain}&limit=5`);
    expect(users.status).toBe(200);
    expect(users.body.result).toHaveLength(5);
    expect(users.body.result[0]).toHaveProperty("accountType");
    const roles = await world.get(`/proxy/roles?integrated_account_id=${plain}&limit=1`);
    expect(roles.status).toBe(200);
    expect(roles.body.result).toHaveLength(1);
    expect(roles.body.next_cursor).not.toBeNull();

    const me = await world.get(`/custom/rest/api/3/myself?integrated_account_id=${plain}&host=site`);
    expect(me.status, JSON.stringify(me.body)).toBe(200);
    expect(me.body.accountId).toBe(world.sim.credentials.admin.accountId);
    const ops = await world.get(
      `/custom/jsm/ops/api/${world.sim.cloudId}/v1/teams?integrated_account_id=${plain}`,
    );
    expect(ops.status).toBe(200);
    const before = world.sim.stats().total;
    for (const host of ["evil.com", "http://127.0.0.1:9", "__proto__"]) {
      const res = await world.get(
        `/custom/rest/api/3/myself?integrated_account_id=${plain}&host=${encodeURIComponent(host)}`,
      );
      expect(res.status, host).toBe(400);
      expect(res.body.code).toBe("invalid_path");
    }
    expect(world.sim.stats().total).toBe(before);
  });

  it("words provider errors with the message of each Atlassian envelope", async () => {
    const jira = await world.get(`/custom/rest/api/3/user?integrated_account_id=${plain}&host=site`);
    expect(jira.status).toBe(400);
    expect(jira.body.message).toBe(
      "Jira Service Management answered 400: The accountId query parameter needs to be provided.",
    );
    const ops = await world.get(
      `/custom/jsm/ops/api/${world.sim.cloudId}/v1/roles?size=abc&integrated_account_id=${plain}`,
    );
    expect(ops.status).toBe(400);
    expect(ops.body.message).toMatch(/answered 400: Invalid 'size'/);
  });

  it("leaves out a team deleted between the ops list and its Teams API read (410), naming it", async () => {
    const team = [...world.sim.directory.teams.values()].find((t) => t.ops);
    if (!team) throw new Error("no ops team");
    const detail = `/gateway/api/public/teams/v1/org/${world.sim.orgId}/teams/${team.teamId}`;
    world.sim.setFaultRules([{ kind: "hang", path: detail, method: "GET", delayMs: 300, times: 1 }]);
    try {
      const pending = world.get(`${base}/groups?integrated_account_id=${plain}&limit=100`);
      // Deleted once its detail read is held, i.e. after the ops list named it.
      while (!world.sim.stats().faults.hang) await new Promise((resolve) => setTimeout(resolve, 10));
      world.sim.removeTeam(team.teamId);
      const res = await pending;
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.result.map((g: { id: string }) => g.id)).not.toContain(team.teamId);
      expect(res.body.warnings).toEqual([
        expect.objectContaining({ code: "record_vanished", id: team.teamId, resource: "groups" }),
      ]);
    } finally {
      world.sim.setFaultRules([]);
    }
  });
});
