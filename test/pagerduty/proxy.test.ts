import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type PagerdutyWorld, startPagerdutyWorld } from "../helpers/pagerduty-world.ts";

/** The Proxy API on PagerDuty's own records: paging, writes with `From`, PUT updates, cursor-paged audit records. */
describe.each(testDatabases)("PagerDuty proxy on $name", (database) => {
  let world: PagerdutyWorld;
  let account: string;
  let readOnly: string;
  beforeAll(async () => {
    world = await startPagerdutyWorld({ databaseUrl: await database.create(), us: { users: 45, teams: 3 } });
    account = await world.link(world.us.apiKeys.full);
    readOnly = await world.link(world.us.apiKeys.readOnly, "us", "tenant-ro");
  });
  afterAll(() => world.close());

  const send = async (
    method: string,
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) => {
    const res = await world.roster.app.inject({
      method: method as "POST",
      url,
      headers: { ...world.roster.auth, ...headers },
      payload,
    });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };
  const owner = () => [...world.us.directory.users.values()].find((u) => u.role === "owner");

  it("pages users through signed cursors, 1-to-1", async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await world.get(
        `/proxy/users?integrated_account_id=${account}&limit=20${cursor ? `&next_cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(page.status).toBe(200);
      ids.push(...page.body.result.map((u: { id: string }) => u.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(ids).toEqual(world.us.directory.sortedUsers().map((u) => u.id));
  });

  it("forwards every value of a repeated query parameter, on the proxy and on /custom", async () => {
    const count = async (path: string, statuses: string[]) => {
      const filter = statuses.map((s) => `&statuses%5B%5D=${s}`).join("");
      const res = await world.get(`${path}?integrated_account_id=${account}&limit=100${filter}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body.result ?? res.body.incidents).length as number;
    };
    for (const path of ["/proxy/incidents", "/custom/incidents"]) {
      const triggered = await count(path, ["triggered"]);
      const resolved = await count(path, ["resolved"]);
      expect(triggered, path).toBeGreaterThan(0);
      expect(resolved, path).toBeGreaterThan(0);
      expect(await count(path, ["triggered", "resolved"]), path).toBe(triggered + resolved);
    }
  });

  it("passes the caller's From header on writes that need it, on the proxy and on /custom", async () => {
    const user = { user: { type: "user", name: "Proxy Person", email: "proxy.person@example.com" } };
    const without = await send("POST", `/proxy/users?integrated_account_id=${account}`, user);
    expect(without.status).toBe(400);
    expect(without.body).toMatchObject({ code: "remote_error", remote_error: true });
    expect(without.body.message).toMatch(/"From" header/);

    const email = owner()?.email ?? "";
    const created = await send("POST", `/proxy/users?integrated_account_id=${account}`, user, {
      from: email,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.user).toMatchObject({ name: "Proxy Person", email: "proxy.person@example.com" });
    expect(world.us.directory.findUserByEmail("proxy.person@example.com")?.id).toBe(created.body.user.id);

    const custom = await send(
      "POST",
      `/custom/users?integrated_account_id=${account}`,
      { user: { type: "user", name: "Custom Person", email: "custom.person@example.com" } },
      { from: email },
    );
    expect(custom.status, JSON.stringify(custom.body)).toBe(201);
  });

  it("updates with PUT, sets and removes team members, and refuses writes of a read-only key", async () => {
    const target = world.us.directory.findUserByEmail("proxy.person@example.com");
    if (!target) throw new Error("the created user is missing");
    const put = await send("PUT", `/proxy/users/${target.id}?integrated_account_id=${account}`, {
      user: { job_title: "Proxy Tester" },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.user.job_title).toBe("Proxy Tester");
    expect(
      (await send("PATCH", `/proxy/users/${target.id}?integrated_account_id=${account}`, {})).status,
    ).toBe(405);

    const team = [...world.us.directory.teams.values()][0];
    if (!team) throw new Error("no team");
    const joined = await send(
      "PUT",
      `/proxy/team-members/${target.id}?integrated_account_id=${account}&team_id=${team.id}`,
      { role: "responder" },
    );
    expect(joined.status).toBe(204);
    expect(team.members.get(target.id)).toBe("responder");
    const members = await world.get(
      `/proxy/team-members?integrated_account_id=${account}&team_id=${team.id}&limit=100`,
    );
    expect(members.body.result).toContainEqual(
      expect.objectContaining({ role: "responder", user: expect.objectContaining({ id: target.id }) }),
    );
    const left = await send(
      "DELETE",
      `/proxy/team-members/${target.id}?integrated_account_id=${account}&team_id=${team.id}`,
    );
    expect(left.status).toBe(204);
    expect(team.members.has(target.id)).toBe(false);

    const refused = await send("PUT", `/proxy/users/${target.id}?integrated_account_id=${readOnly}`, {
      user: { job_title: "Nope" },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: "insufficient_access", remote_error: true });
    expect(refused.body.message).toMatch(/^PagerDuty refused PUT users \(403\): Access Denied/);
  });

  it("pages audit records with PagerDuty's own cursors", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await world.get(
        `/proxy/audit-records?integrated_account_id=${account}&limit=2${cursor ? `&next_cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      expect(page.body.result.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.result.map((r: { id: string }) => r.id));
      cursor = page.body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(4);
  });
});
