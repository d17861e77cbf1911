import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type JsmWorld, startJsmWorld } from "../helpers/jsm-world.ts";

/** The Proxy API on JSM Ops records: the site's cloudId filled in by Roster, Ops paging behind Roster's cursors. */
describe.each(testDatabases)("JSM proxy on $name", (database) => {
  let world: JsmWorld;
  let account: string;
  beforeAll(async () => {
    world = await startJsmWorld({
      databaseUrl: await database.create(),
      sim: { users: 40, teams: 6, seed: 21 },
    });
    account = await world.link();
  });
  afterAll(() => world.close());

  /** Every record of a proxy list, `limit` at a time; asserts each page is Roster's list envelope. */
  async function walk(resource: string, query = "", limit = 3): Promise<{ records: any[]; pages: number }> {
    const records: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await world.get(
        `/proxy/${resource}?integrated_account_id=${account}&limit=${limit}${query}${cursor ? `&next_cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      expect(page.body.result.length).toBeLessThanOrEqual(limit);
      records.push(...page.body.result);
      cursor = page.body.next_cursor;
      pages++;
    } while (cursor);
    return { records, pages };
  }

  const ops = () => world.sim.directory.ops;
  const strip = <T extends object>(record: T, ...keys: string[]) =>
    Object.fromEntries(Object.entries(record).filter(([k]) => !keys.includes(k)));
  const opsTeams = () => [...world.sim.directory.teams.values()].filter((t) => t.ops);

  it("pages schedules and alerts, which need no caller parameter, 1-to-1 and each once", async () => {
    const schedules = await walk("schedules");
    expect(schedules.pages).toBeGreaterThan(1);
    expect(schedules.records).toEqual(ops().schedules.map((s) => strip(s, "onCall")));
    const alerts = await walk("alerts", "", 7);
    expect(alerts.pages).toBe(3);
    expect(alerts.records).toEqual(ops().alerts);
  });

  it("gets one schedule and one alert as JSM answers them", async () => {
    const schedule = ops().schedules[1];
    const alert = ops().alerts[4];
    if (!schedule || !alert) throw new Error("nothing seeded");
    const one = await world.get(`/proxy/schedules/${schedule.id}?integrated_account_id=${account}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(strip(schedule, "onCall"));
    const got = await world.get(`/proxy/alerts/${alert.id}?integrated_account_id=${account}`);
    expect(got.body).toEqual(alert);
    const missing = await world.get(`/proxy/alerts/nope?integrated_account_id=${account}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: "not_found", remote_error: true });
  });

  it("takes team_id and schedule_id from the query string for per-team lists and on-calls", async () => {
    const beating = opsTeams().filter((t) => ops().heartbeats.some((h) => h.ownerTeamId === t.teamId));
    expect(beating.length).toBeGreaterThan(0);
    for (const team of opsTeams()) {
      const escalations = await walk("escalations", `&team_id=${team.teamId}`, 1);
      expect(escalations.records).toEqual(
        ops()
          .escalations.filter((e) => e.teamId === team.teamId)
          .map((e) => strip(e, "teamId")),
      );
      const heartbeats = await walk("heartbeats", `&team_id=${team.teamId}`, 1);
      expect(heartbeats.records).toEqual(ops().heartbeats.filter((h) => h.ownerTeamId === team.teamId));
    }
    const schedule = ops().schedules[0];
    if (!schedule) throw new Error("no schedule");
    const onCall = await world.get(
      `/proxy/on-calls?integrated_account_id=${account}&schedule_id=${schedule.id}`,
    );
    expect(onCall.status, JSON.stringify(onCall.body)).toBe(200);
    expect(onCall.body).toEqual({ onCallParticipants: [{ id: schedule.onCall, type: "user" }] });
    const escalation = ops().escalations[0];
    if (!escalation) throw new Error("no escalation");
    const one = await world.get(
      `/proxy/escalations/${escalation.id}?integrated_account_id=${account}&team_id=${escalation.teamId}`,
    );
    expect(one.body).toEqual(strip(escalation, "teamId"));
  });

  it("ignores a caller's cloud_id: the site's own is always used", async () => {
    const res = await world.get(`/proxy/alerts?integrated_account_id=${account}&limit=5&cloud_id=other-site`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.result).toEqual(ops().alerts.slice(0, 5));
  });

  it("reaches an Ops list through /custom on the api host", async () => {
    const res = await world.get(
      `/custom/jsm/ops/api/${world.sim.cloudId}/v1/schedules?integrated_account_id=${account}&host=api&size=2`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.values).toEqual(
      ops()
        .schedules.slice(0, 2)
        .map((s) => strip(s, "onCall")),
    );
    expect(res.body.links.next).toBe("/v1/schedules?offset=2&size=2");
  });
});
