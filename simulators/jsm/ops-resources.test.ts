/** JSM Ops schedules, on-calls, escalations, heartbeats and alerts: shapes of reference §4.1, paged like roles. */
import { describe, expect, it } from "vitest";
import type { JsmSimulator } from "./index.ts";
import { call, ops, useSimulator } from "./test-helpers.ts";

/** Follows relative `links.next` from `first` and returns every value. */
async function walk(sim: JsmSimulator, first: string): Promise<any[]> {
  const out: any[] = [];
  let next: string | undefined = first;
  while (next) {
    const res = await call(sim, `${ops(sim)}${next}`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(["links", "values"]);
    out.push(...res.json.values);
    next = res.json.links.next;
  }
  return out;
}

const opsTeams = (sim: JsmSimulator) => [...sim.directory.teams.values()].filter((t) => t.ops);

describe("JSM Ops schedules and on-calls", () => {
  const sim = useSimulator({ seed: 11, users: 30, teams: 6 });

  it("lists a few schedules per ops team, 2 a page with a relative next, and filters by name", async () => {
    const all = await walk(sim(), "/v1/schedules?offset=0&size=2");
    expect(all.length).toBeGreaterThanOrEqual(opsTeams(sim()).length);
    for (const t of opsTeams(sim())) expect(all.some((s) => s.teamId === t.teamId)).toBe(true);
    for (const s of all)
      expect(Object.keys(s).sort()).toEqual(["description", "enabled", "id", "name", "teamId", "timezone"]);
    const first = await call(sim(), `${ops(sim())}/v1/schedules?size=2`);
    expect(first.json.links.next).toBe("/v1/schedules?offset=2&size=2");
    const name = all[0].name as string;
    const found = await walk(sim(), `/v1/schedules?query=${encodeURIComponent(name)}`);
    expect(found.map((s) => s.name)).toContain(name);
    expect(found.every((s) => s.name.includes(name))).toBe(true);
    expect((await call(sim(), `${ops(sim())}/v1/schedules/${all[0].id}`)).json).toEqual(all[0]);
  });

  it("names a member of the owning team on call; flat lists ids; a bad date is a 400, an unknown schedule a 404", async () => {
    const [schedule] = await walk(sim(), "/v1/schedules");
    const team = sim().directory.teams.get(schedule.teamId);
    const res = await call(
      sim(),
      `${ops(sim())}/v1/schedules/${schedule.id}/on-calls?date=2026-01-05T10:00:00Z`,
    );
    expect(res.status).toBe(200);
    expect(res.json.onCallParticipants).toHaveLength(1);
    expect(res.json.onCallParticipants[0].type).toBe("user");
    expect(team?.members).toContain(res.json.onCallParticipants[0].id);
    const flat = await call(sim(), `${ops(sim())}/v1/schedules/${schedule.id}/on-calls?flat=true`);
    expect(flat.json.onCallRecipients).toEqual([res.json.onCallParticipants[0].id]);
    const bad = await call(sim(), `${ops(sim())}/v1/schedules/${schedule.id}/on-calls?date=soon`);
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ errors: [{ title: expect.any(String) }] });
    expect((await call(sim(), `${ops(sim())}/v1/schedules/nope/on-calls`)).status).toBe(404);
  });
});

describe("JSM Ops escalations, heartbeats and alerts", () => {
  const sim = useSimulator({ seed: 12, users: 30, teams: 4 });

  it("one escalation per ops team notifying the team; heartbeats on some teams; unknown teams 404", async () => {
    let beating = 0;
    for (const team of opsTeams(sim())) {
      const [esc, ...more] = await walk(sim(), `/v1/teams/${team.teamId}/escalations`);
      expect(more).toEqual([]);
      expect(esc.rules).toEqual([
        {
          condition: "if-not-closed",
          notifyType: "all",
          delay: 1,
          recipient: { id: team.teamId, type: "team" },
        },
      ]);
      expect(Object.keys(esc.repeat).sort()).toEqual([
        "closeAlertAfterAll",
        "count",
        "resetRecipientStates",
        "waitInterval",
      ]);
      const one = await call(sim(), `${ops(sim())}/v1/teams/${team.teamId}/escalations/${esc.id}`);
      expect(one.json).toEqual(esc);
      const beats = await walk(sim(), `/v1/teams/${team.teamId}/heartbeats`);
      for (const h of beats) expect(h.ownerTeamId).toBe(team.teamId);
      beating += beats.length > 0 ? 1 : 0;
    }
    expect(beating).toBeGreaterThan(0);
    const unknown = await call(sim(), `${ops(sim())}/v1/teams/nope/heartbeats`);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ errors: [{ title: expect.any(String) }] });
  });

  it("pages 20 alerts in Opsgenie's alert shape; an alert by id; Basic auth required", async () => {
    const all = await walk(sim(), "/v1/alerts?size=7");
    expect(all).toHaveLength(20);
    expect(new Set(all.map((a) => a.id)).size).toBe(20);
    for (const a of all)
      expect(Object.keys(a).sort()).toEqual([
        "acknowledged",
        "alias",
        "createdAt",
        "id",
        "isSeen",
        "message",
        "owner",
        "priority",
        "responders",
        "status",
        "tags",
        "tinyId",
        "updatedAt",
      ]);
    expect((await call(sim(), `${ops(sim())}/v1/alerts/${all[3].id}`)).json).toEqual(all[3]);
    expect((await call(sim(), `${ops(sim())}/v1/alerts/nope`)).status).toBe(404);
    expect((await call(sim(), `${ops(sim())}/v1/alerts`, { as: null })).status).toBe(401);
    expect((await call(sim(), "/jsm/ops/api/other-cloud/v1/alerts")).status).toBe(404);
  });
});
