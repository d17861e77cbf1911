import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";

describe.each(testDatabases)("Opsgenie under tight limits and faults on $name", (database) => {
  let world: OpsgenieWorld;
  let account: string;
  beforeAll(async () => {
    world = await startOpsgenieWorld({
      databaseUrl: await database.create(),
      us: {
        users: 250,
        teams: 20,
        seed: 3,
        rateLimits: { search: { perSecond: 5 }, configuration: { perSecond: 5 } },
      },
    });
    account = await world.link(world.us.apiKeys.full);
    // Paced by the account's real limits (read in the background) before the faults start.
    await world.learnLimits(account);
    world.us.setFaults({ "5xx": 0.2 });
  });
  afterAll(() => world.close());

  it("returns complete, correct users and groups with members at 5 req/s and 20% 5xx, never a 429", async () => {
    world.us.resetStats();
    const users = await world.get(
      `/unified/user-directory/users?integrated_account_id=${account}&fetch_all=true`,
    );
    expect(users.status).toBe(200);
    expect(new Set(users.body.result.map((u: any) => u.id))).toEqual(
      new Set(world.us.directory.users.keys()),
    );

    const groups = await world.get(
      `/unified/user-directory/groups?integrated_account_id=${account}&fetch_all=true&include=members`,
    );
    expect(groups.status).toBe(200);
    expect(groups.body.result).toHaveLength(world.us.directory.teams.size);
    for (const group of groups.body.result) {
      const team = world.us.directory.teams.get(group.id);
      expect(group.members.map((m: any) => m.id).sort()).toEqual([...(team?.members.keys() ?? [])].sort());
    }
    const stats = world.us.stats();
    // The faults really happened and were retried; the pacing kept Roster under the 5/s limit.
    expect(Object.keys(stats.byStatus).some((status) => status.startsWith("5"))).toBe(true);
    expect(stats.byStatus["429"] ?? 0).toBe(0);
  });
});

describe("Opsgenie slow or down: bounded answers, never a hang", () => {
  let world: OpsgenieWorld;
  let account: string;
  beforeAll(async () => {
    const database = testDatabases[0];
    if (!database) throw new Error("no database");
    world = await startOpsgenieWorld({
      databaseUrl: await database.create(),
      us: { users: 20, teams: 2 },
      env: { ROSTER_PROVIDER_TIMEOUT_MS: "300", ROSTER_PROVIDER_DEADLINE_MS: "1500" },
    });
    account = await world.link(world.us.apiKeys.full);
  });
  afterAll(() => world.close());

  it("answers 504 provider_timeout when the provider is too slow", async () => {
    world.us.setFaults({ slow: 1, slowDelayMs: 10_000 });
    try {
      const started = Date.now();
      const res = await world.get(`/unified/user-directory/users?integrated_account_id=${account}&limit=5`);
      expect(res.status).toBe(504);
      expect(res.body.code).toBe("provider_timeout");
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      world.us.setFaults({ slow: 0 });
    }
  });

  it("answers 502 provider_unreachable when the provider is down", async () => {
    await world.us.close();
    const res = await world.get(`/unified/user-directory/users?integrated_account_id=${account}&limit=5`);
    expect(res.status).toBe(502);
    expect(res.body.code).toBe("provider_unreachable");
    expect(JSON.stringify(res.body)).not.toContain(world.us.apiKeys.full);
  });
});
