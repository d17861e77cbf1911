import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type JsmWorld, startJsmWorld } from "../helpers/jsm-world.ts";

describe.each(testDatabases)("JSM under Jira's burst limit on $name", (database) => {
  let world: JsmWorld;
  let account: string;
  beforeAll(async () => {
    world = await startJsmWorld({
      databaseUrl: await database.create(),
      // Slower than Roster's default pace for the site: Jira answers 429 + Retry-After.
      sim: { users: 40, teams: 3, seed: 8, jiraUserPageCap: 4, rateLimits: { jira: { perSecond: 4 } } },
    });
    account = await world.link();
  });
  afterAll(() => world.close());

  it("serves every user although Jira throttles, waiting as Retry-After says", async () => {
    const before = world.sim.stats().throttled;
    const res = await world.get(
      `/unified/user-directory/users?integrated_account_id=${account}&fetch_all=true`,
    );
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    const people = world.sim.directory.list().filter((a) => a.accountType === "atlassian");
    expect(res.body.result.map((u: { id: string }) => u.id).sort()).toEqual(
      people.map((a) => a.accountId).sort(),
    );
    expect(world.sim.stats().throttled).toBeGreaterThan(before);
  }, 60_000);
});
