import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";

describe.each(testDatabases)("Roster's own 429 on $name", (database) => {
  let world: OpsgenieWorld;
  let account: string;
  beforeAll(async () => {
    world = await startOpsgenieWorld({
      databaseUrl: await database.create(),
      // Four user searches a minute: Roster learns it from /v2/request-limits/ and paces under it.
      us: { users: 30, teams: 2, rateLimits: { search: { perSecond: 20, perMinute: 4 } } },
      env: { ROSTER_PROVIDER_DEADLINE_MS: "800" },
    });
    account = await world.link(world.us.apiKeys.full);
    // The account's limits are read in the background when a session opens; the test needs them learnt.
    await world.learnLimits(account);
  });
  afterAll(() => world.close());

  it("answers a used-up budget with 429 rate_limited and Retry-After: when the budget has a token again", async () => {
    const answers = [];
    for (let i = 0; i < 4; i++)
      answers.push(await world.get(`/unified/user-directory/users?integrated_account_id=${account}&limit=5`));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    const limited = answers[3];
    expect(limited?.body).toMatchObject({ statusCode: 429, code: "rate_limited" });
    expect(limited?.body.message).toMatch(/budget/);
    // 4 a minute paced at 97 %: the next search is allowed about 15.5 s after the burst, less the 0.8 s waited.
    const retryAfter = String(limited?.headers["retry-after"]);
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(5);
    expect(Number(retryAfter)).toBeLessThanOrEqual(16);
    expect(world.us.stats().byStatus["429"] ?? 0).toBe(0);
  });
});
