import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { groupSchema, roleSchema, userSchema } from "../../src/core/models/index.ts";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";

const base = "/unified/user-directory";
const PLAN_MESSAGE = "Account plan does not have the right to use custom user roles.";

/** Partial failure is reported, not fatal: the rest of a list is served and what was left out is named. */
describe.each(testDatabases)("Opsgenie unified lists with partial failures on $name", (database) => {
  let world: OpsgenieWorld;
  let account: string;
  beforeAll(async () => {
    world = await startOpsgenieWorld({ databaseUrl: await database.create(), us: { users: 120, teams: 6 } });
    account = await world.link(world.us.apiKeys.full);
  });
  afterEach(() => {
    world.us.setAnomalies({ vanishedTeams: [], customRolesRefused: false, corruptUsers: [] });
  });
  afterAll(() => world.close());

  it("a team deleted between the team list and its detail read is left out of groups?include=members", async () => {
    const [gone, ...kept] = [...world.us.directory.teams.values()];
    if (!gone) throw new Error("no team");
    world.us.setAnomalies({ vanishedTeams: [gone.id] });

    const page = await world.get(`${base}/groups?integrated_account_id=${account}&include=members`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body.result.map((g: any) => g.id)).toEqual(kept.map((t) => t.id));
    for (const group of page.body.result) groupSchema.parse(group);
    expect(page.body.result_count).toBe(kept.length);
    expect(page.body.warnings).toEqual([
      { code: "record_vanished", message: expect.stringContaining(gone.id), resource: "groups", id: gone.id },
    ]);

    // fetch_all streams the same records and ends with the warnings.
    const all = await world.get(
      `${base}/groups?integrated_account_id=${account}&include=members&fetch_all=true`,
    );
    expect(all.status).toBe(200);
    expect(all.body.result.map((g: any) => g.id)).toEqual(kept.map((t) => t.id));
    expect(all.body.warnings).toEqual(page.body.warnings);

    // Reading it by id is still a clean 404.
    const one = await world.get(`${base}/groups/${gone.id}?integrated_account_id=${account}`);
    expect(one.status).toBe(404);
    expect(one.body.code).toBe("not_found");
  });

  it("a plan without custom user roles still lists the five built-in roles, with a warning", async () => {
    world.us.setAnomalies({ customRolesRefused: true });

    const page = await world.get(`${base}/roles?integrated_account_id=${account}`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    for (const role of page.body.result) roleSchema.parse(role);
    expect(page.body.result.map((r: any) => `${r.type}:${r.name}`)).toEqual([
      "builtin:Owner",
      "builtin:Admin",
      "builtin:User",
      "builtin:Observer",
      "builtin:Stakeholder",
    ]);
    expect(page.body.warnings).toEqual([
      { code: "resource_not_permitted", message: expect.stringContaining(PLAN_MESSAGE), resource: "roles" },
    ]);

    // Every page of a paged walk says it; fetch_all says it once.
    const first = await world.get(`${base}/roles?integrated_account_id=${account}&limit=3`);
    expect(first.body.result).toHaveLength(3);
    expect(first.body.warnings).toEqual(page.body.warnings);
    const all = await world.get(`${base}/roles?integrated_account_id=${account}&fetch_all=true&limit=2`);
    expect(all.body.result).toHaveLength(5);
    expect(all.body.warnings).toEqual(page.body.warnings);

    // A built-in role is still served by id; a custom one is the provider's refusal, not a 500.
    expect((await world.get(`${base}/roles/Admin?integrated_account_id=${account}`)).status).toBe(200);
    const custom = [...world.us.directory.customRoles.keys()][0];
    const refused = await world.get(`${base}/roles/${custom}?integrated_account_id=${account}`);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: "remote_error", remote_error: true });
  });

  it("a malformed user is left out of its page with a warning naming its id and field; its get is a 502 naming the field", async () => {
    // Both on the first page of 100; one of them in a team, for the team's member list.
    const firstPage = world.us.directory.sortedUsers("username").slice(0, 100);
    const teams = [...world.us.directory.teams.values()];
    const typed = firstPage.find((u) => teams.some((t) => t.members.has(u.id)));
    const missing = firstPage.find((u) => u !== typed);
    const team = teams.find((t) => typed && t.members.has(typed.id));
    if (!typed || !missing || !team) throw new Error("no users in teams");
    world.us.setAnomalies({
      corruptUsers: [
        { id: typed.id, field: "createdAt", value: 1_700_000_000 },
        { id: missing.id, field: "username" },
      ],
    });

    const page = await world.get(`${base}/users?integrated_account_id=${account}&limit=100`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body.result).toHaveLength(98);
    for (const user of page.body.result) userSchema.parse(user);
    expect(page.body.result.map((u: any) => u.id)).not.toContain(typed.id);
    expect(page.body.result.map((u: any) => u.id)).not.toContain(missing.id);
    expect(page.body.next_cursor).toEqual(expect.any(String));
    expect(page.body.warnings).toHaveLength(2);
    expect(page.body.warnings).toEqual(
      expect.arrayContaining([
        {
          code: "malformed_record",
          message: expect.stringMatching(/field createdAt/),
          resource: "users",
          id: typed.id,
        },
        {
          code: "malformed_record",
          message: expect.stringMatching(/field username/),
          resource: "users",
          id: missing.id,
        },
      ]),
    );
    // The next page is whole, and says nothing.
    const next = await world.get(
      `${base}/users?integrated_account_id=${account}&limit=100&next_cursor=${encodeURIComponent(page.body.next_cursor)}`,
    );
    expect(next.body.result).toHaveLength(20);
    expect(next.body).not.toHaveProperty("warnings");

    const one = await world.get(`${base}/users/${typed.id}?integrated_account_id=${account}`);
    expect(one.status).toBe(502);
    expect(one.body.code).toBe("remote_error");
    expect(one.body.message).toMatch(/createdAt/);

    // A team's member list reads each member: the malformed one is named there too.
    const members = await world.get(`${base}/users?integrated_account_id=${account}&group_id=${team.id}`);
    expect(members.status).toBe(200);
    const others = [...team.members.keys()].filter((id) => id !== typed.id && id !== missing.id);
    expect(members.body.result.map((u: any) => u.id).sort()).toEqual(others.sort());
    expect(members.body.warnings).toContainEqual(
      expect.objectContaining({ code: "malformed_record", resource: "users", id: typed.id }),
    );
  });

  it("a whole page carries no warnings member at all", async () => {
    for (const url of [
      `${base}/users?integrated_account_id=${account}&limit=10`,
      `${base}/groups?integrated_account_id=${account}&include=members`,
      `${base}/roles?integrated_account_id=${account}`,
      `${base}/roles?integrated_account_id=${account}&fetch_all=true`,
    ]) {
      const page = await world.get(url);
      expect(page.status).toBe(200);
      expect(page.body).not.toHaveProperty("warnings");
    }
  });
});
